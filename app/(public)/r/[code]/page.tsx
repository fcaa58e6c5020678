/** /r/{segmentCode}: the page a 路长公示牌's QR opens. The URL is printed on metal; see DESIGN §4. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { CHIEF_LEVEL_LABEL, CHIEF_LEVELS, GRADE_LABEL, PATROL_LABEL, VACANT, monthLabel } from '@/lib/domain/labels';
import { cstMonthStartIso } from '@/lib/domain/calendar';
import { normalizeSegmentCode } from '@/lib/domain/segment-code';
import { getCachedSegmentPage, type SegmentPage } from '@/lib/segments/queries';
import { FlagBadge, PhoneLink, Row, Stat } from './parts';

type Params = Promise<{ code: string }>;

/** The home page's card, with padding that stops growing at 200% text so a phone keeps room for the words. */
const CARD = 'rounded-xl bg-white p-[min(1.25rem,5.5vw)] shadow-sm';

/** The route segment as typed; Next hands it over still percent-encoded when it is not plain ASCII. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return ''; // a malformed escape cannot be a code
  }
}

/** Parse → canonical URL or 404 → cached read. Shared by the metadata and the page within one request. */
const load = cache(async (requested: string) => {
  await connection();
  const code = normalizeSegmentCode(decodeSegment(requested));
  if (!code) notFound();
  if (code !== requested) permanentRedirect(`/r/${code}`);
  const now = new Date();
  const page = await getCachedSegmentPage(await getDb(), { code, now });
  if (!page) notFound();
  return { page, month: cstMonthStartIso(now) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { page } = await load((await params).code);
  return {
    title: `${page.segment.name} · 路长公示`,
    description: `${page.segment.name}的路长、联系电话、职责和本月办理情况。`,
  };
}

export default async function SegmentPageRoute({ params }: { params: Params }) {
  const { page, month } = await load((await params).code);
  const { segment } = page;
  return (
    <div className="space-y-6">
      <section aria-labelledby="segment-title" className={CARD}>
        <p className="text-base text-slate-700">
          路段编号 <span className="font-mono font-semibold whitespace-nowrap">{segment.code}</span> · {GRADE_LABEL[segment.grade]}
        </p>
        <h1 id="segment-title" className="mt-1 text-3xl font-bold text-slate-900 wrap-anywhere">
          {segment.name}
        </h1>
        <dl className="mt-3 space-y-1 text-lg">
          <Row label="起止">
            {segment.fromCross} — {segment.toCross}
            {segment.lengthM ? <span className="font-normal text-slate-700">（约 {segment.lengthM} 米）</span> : null}
          </Row>
          <Row label="街道">{segment.streetName}</Row>
          {segment.communityName ? <Row label="社区">{segment.communityName}</Row> : null}
        </dl>
      </section>

      <nav aria-label="反映问题和查询进度" className="@container">
        <ul className="grid grid-cols-1 gap-3 @xs:grid-cols-2">
          <li>
            <Link
              href={`/report?segment=${encodeURIComponent(segment.code)}`}
              className="flex h-full min-h-20 flex-col justify-center rounded-xl bg-brand p-4 text-white shadow-sm hover:bg-brand-dark"
            >
              <span className="text-2xl font-bold">随手拍</span>
              <span className="text-base text-blue-50">反映本路段的问题</span>
            </Link>
          </li>
          <li>
            <Link href="/track" className="flex h-full min-h-20 flex-col justify-center rounded-xl bg-brand p-4 text-white shadow-sm hover:bg-brand-dark">
              <span className="text-2xl font-bold">查进度</span>
              <span className="text-base text-blue-50">查看问题办理情况</span>
            </Link>
          </li>
        </ul>
      </nav>

      <Chiefs chiefs={page.chiefs} />
      <Team team={page.team} hotline={segment.hotline} />
      <ThisMonth numbers={page.month} month={month} flag={page.flag} />
      <Merchants merchants={page.merchants} />
    </div>
  );
}

function Chiefs({ chiefs }: { chiefs: SegmentPage['chiefs'] }) {
  return (
    <section aria-labelledby="chiefs-title" className={CARD}>
      <h2 id="chiefs-title" className="text-2xl font-bold">
        路长
      </h2>
      <div className="mt-2 divide-y divide-slate-200">
        {CHIEF_LEVELS.map((level) => {
          const here = chiefs.filter((c) => c.level === level);
          return (
            <section key={level} aria-labelledby={`level-${level}`} className="py-3">
              <h3 id={`level-${level}`} className="text-xl font-bold text-brand">
                {CHIEF_LEVEL_LABEL[level]}
              </h3>
              {here.length === 0 ? (
                <p className="mt-1 text-lg text-slate-700">{VACANT}</p>
              ) : (
                <ul className="mt-2 space-y-4">
                  {here.map((c, i) => (
                    <li key={i} className="space-y-1">
                      <p className="text-xl font-bold wrap-anywhere">{c.name}</p>
                      <p className="text-lg text-slate-800 wrap-anywhere">{c.title}</p>
                      <PhoneLink phone={c.phone} who={c.name} />
                      <dl className="space-y-1 text-base">
                        <div>
                          <dt className="inline text-slate-700">巡查频次：</dt>
                          <dd className="inline">{PATROL_LABEL[c.patrolFrequency]}</dd>
                        </div>
                        <div>
                          <dt className="inline text-slate-700">职责：</dt>
                          <dd className="inline">{c.duties}</dd>
                        </div>
                      </dl>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}

function Team({ team, hotline }: { team: SegmentPage['team']; hotline: string | null }) {
  return (
    <section aria-labelledby="team-title" className={CARD}>
      <h2 id="team-title" className="text-2xl font-bold">
        路段工作人员
      </h2>
      {team.length === 0 ? (
        <p className="mt-2 text-lg text-slate-700">暂未公布</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {team.map((m, i) => (
            <li key={i} className="py-3">
              <p className="text-lg">
                <span className="text-slate-700">{m.role}</span> <span className="font-bold">{m.name}</span>
              </p>
              {m.unit ? <p className="text-base text-slate-700 wrap-anywhere">{m.unit}</p> : null}
              {m.phone ? <PhoneLink phone={m.phone} who={`${m.role}${m.name}`} className="mt-1" /> : null}
            </li>
          ))}
        </ul>
      )}
      {hotline ? (
        <p className="mt-3 flex flex-wrap items-center gap-2 text-lg">
          <span className="font-semibold">监督电话</span>
          <PhoneLink phone={hotline} who="监督" />
        </p>
      ) : null}
    </section>
  );
}

function ThisMonth({ numbers, month, flag }: { numbers: SegmentPage['month']; month: string; flag: SegmentPage['flag'] }) {
  return (
    <section aria-labelledby="month-title" className={`@container ${CARD}`}>
      <h2 id="month-title" className="text-2xl font-bold">
        本月情况（{monthLabel(month)}）
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-3 text-center @2xs:grid-cols-3">
        <Stat label="受理" value={numbers.received} />
        <Stat label="办结" value={numbers.closed} />
        <Stat label="按时办结" value={numbers.closedOnTime} />
      </dl>
      <p className="mt-4 flex flex-wrap items-center gap-2 text-lg">
        <span className="font-semibold">路段评比</span>
        {flag ? <span className="text-slate-700">{monthLabel(flag.month)}</span> : null}
        <FlagBadge flag={flag?.flag ?? null} />
      </p>
    </section>
  );
}

function Merchants({ merchants }: { merchants: SegmentPage['merchants'] }) {
  return (
    <section aria-labelledby="merchants-title" className={CARD}>
      <h2 id="merchants-title" className="text-2xl font-bold">
        沿街商户（门前三包）
      </h2>
      {merchants.length === 0 ? (
        <p className="mt-2 text-lg text-slate-700">本路段暂无门前三包商户。</p>
      ) : (
        <>
          <p className="mt-1 text-base text-slate-700">共 {merchants.length} 家，显示最近一次评比结果。</p>
          <ul className="mt-2 divide-y divide-slate-200">
            {merchants.map((m) => (
              <li key={m.code}>
                <Link href={`/m/${encodeURIComponent(m.code)}`} className="flex min-h-14 flex-wrap items-center justify-between gap-x-3 gap-y-1 py-3 hover:bg-slate-50">
                  <span className="min-w-0 flex-1 basis-48">
                    <span className="block text-lg font-semibold text-brand wrap-anywhere">{m.name}</span>
                    <span className="block text-base text-slate-700 wrap-anywhere">{m.address}</span>
                  </span>
                  <FlagBadge flag={m.flag} />
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
