/** /m/{merchantCode}: the page a 责任牌's QR opens — the merchant's 门前三包 standing, why, and how to appeal. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { cstDateLabel } from '@/lib/domain/calendar';
import { STATUS_LABEL } from '@/lib/domain/flags';
import { CHIEF_LEVEL_LABEL, FLAG_LABEL, monthLabel } from '@/lib/domain/labels';
import { APPEAL_STATUS_LABEL } from '@/lib/ratings/appeals';
import { getCachedMerchantPage, type MerchantPage } from '@/lib/ratings/public';
import { getSettings } from '@/lib/settings/queries';
import { FLAG_STYLE, FlagBadge, PhoneLink, Row, Stat } from '../../r/[code]/parts';
import { AppealForm } from './appeal-form';

type Params = Promise<{ code: string }>;
const CARD = 'rounded-xl bg-white p-[min(1.25rem,5.5vw)] shadow-sm';
const DAY_MS = 86_400_000;

function decodeCode(raw: string): string | null {
  try {
    const code = decodeURIComponent(raw).trim();
    return code && code.length <= 40 ? code : null;
  } catch {
    return null;
  }
}

const load = cache(async (requested: string) => {
  await connection();
  const code = decodeCode(requested);
  if (!code) notFound();
  const page = await getCachedMerchantPage(await getDb(), { code });
  if (!page) notFound();
  return { page, now: Date.now() };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { page } = await load((await params).code);
  return { title: `${page.merchant.name} · 门前三包`, description: `${page.merchant.name}的门前三包红黑旗评比情况和申诉。` };
}

const STATUS_STYLE = { good: 'border-green-700 bg-green-50', warning: 'border-amber-600 bg-amber-50', accountable: 'border-alert bg-red-50' } as const;

export default async function MerchantPageRoute({ params, searchParams }: { params: Params; searchParams: Promise<{ appeal?: string }> }) {
  const { page, now } = await load((await params).code);
  const { appeal } = await searchParams;
  const { merchant, standing } = page;
  const cfg = await getSettings(await getDb(), ['rating.appealWindowDays', 'report.maxPhotos']);
  const appealable = page.strip
    .filter((s) => s.flag === 'black' && !s.revoked && s.ratingId !== null && !page.appealedRatingIds.includes(s.ratingId))
    .filter((s) => s.lockedAt !== null && new Date(s.lockedAt).getTime() + cfg['rating.appealWindowDays'] * DAY_MS >= now)
    .map((s) => ({ ratingId: s.ratingId!, label: `${monthLabel(s.month)} 黑旗${s.reasons.length ? `（${s.reasons.join('、')}）` : ''}` }))
    .reverse();
  return (
    <div className="space-y-6">
      <section aria-labelledby="merchant-title" className={CARD}>
        <p className="text-base text-slate-700">
          门前三包责任单位 <span className="font-mono font-semibold whitespace-nowrap">{merchant.code}</span> · {merchant.kind}
        </p>
        <h1 id="merchant-title" className="mt-1 text-3xl font-bold text-slate-900 wrap-anywhere">
          {merchant.name}
        </h1>
        <dl className="mt-3 space-y-1 text-lg">
          <Row label="地址">{merchant.address}</Row>
          <Row label="所在路段">
            <Link href={`/r/${encodeURIComponent(merchant.segmentCode)}`} className="text-brand underline">
              {merchant.segmentName}
            </Link>
          </Row>
          <Row label="街道">{merchant.streetName}</Row>
          <Row label="责任书签订">{merchant.agreementSignedOn ? dateWords(merchant.agreementSignedOn) : '未登记'}</Row>
        </dl>
      </section>

      <section aria-labelledby="standing-title" className={CARD}>
        <h2 id="standing-title" className="text-2xl font-bold">
          红黑旗评比
        </h2>
        {!standing || !page.asOf ? (
          <p className="mt-2 text-lg text-slate-700">本街道尚未公布评比结果。</p>
        ) : (
          <>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-lg">
              <span className="font-semibold">{monthLabel(page.asOf)}</span>
              <FlagBadge flag={page.strip.at(-1)?.flag ?? null} />
              {page.strip.at(-1)?.revoked ? <span className="text-base text-slate-700">（已因申诉撤销）</span> : null}
            </p>
            <Strip strip={page.strip} />
            <div className={`mt-4 rounded-lg border-l-8 p-3 ${STATUS_STYLE[standing.status]}`}>
              <p className="text-xl font-bold">{STATUS_LABEL[standing.status]}</p>
              <p className="mt-1 text-lg">{standing.explanation}</p>
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-3 text-center sm:grid-cols-4">
              <Stat label="本年度黑旗" value={standing.blackCount} />
              <Stat label="红旗抵消" value={standing.offsets.length} />
              <Stat label="计入黑旗" value={standing.countedBlack} />
              <Stat label="连续黑旗" value={standing.consecutiveBlack} />
            </dl>
            <h3 className="mt-4 text-xl font-bold">下一步怎么做</h3>
            <p className="mt-1 text-lg">{standing.advice}</p>
          </>
        )}
      </section>

      <section aria-labelledby="chiefs-title" className={CARD}>
        <h2 id="chiefs-title" className="text-2xl font-bold">
          路段路长
        </h2>
        {page.chiefs.length === 0 ? (
          <p className="mt-2 text-lg text-slate-700">待任命</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {page.chiefs.map((c, i) => (
              <li key={i} className="py-3">
                <p className="text-lg">
                  <span className="text-slate-700">{CHIEF_LEVEL_LABEL[c.level]}</span> <span className="font-bold">{c.name}</span>
                </p>
                <p className="text-base text-slate-700 wrap-anywhere">{c.title}</p>
                <PhoneLink phone={c.phone} who={c.name} className="mt-1" />
              </li>
            ))}
          </ul>
        )}
        {merchant.hotline ? (
          <p className="mt-3 flex flex-wrap items-center gap-2 text-lg">
            <span className="font-semibold">监督电话</span>
            <PhoneLink phone={merchant.hotline} who="监督" />
          </p>
        ) : null}
      </section>

      <section id="appeals" aria-labelledby="appeal-title" className={CARD}>
        <h2 id="appeal-title" className="text-2xl font-bold">
          申诉
        </h2>
        {appeal === 'filed' ? (
          <p role="status" className="mt-2 rounded-lg border-2 border-green-700 bg-green-50 p-3 text-lg font-semibold">
            申诉已提交，考评员核实后会在本页公布处理结果。
          </p>
        ) : null}
        <Appeals appeals={page.appeals} />
        {appealable.length > 0 ? (
          <>
            <p className="mt-3 text-lg">对黑旗评比有异议的，可在该月评比公布后 {cfg['rating.appealWindowDays']} 天内申诉，每面黑旗申诉一次。</p>
            <AppealForm merchantCode={merchant.code} months={appealable} maxPhotos={cfg['report.maxPhotos']} />
          </>
        ) : (
          <p className="mt-3 text-lg text-slate-700">目前没有可以申诉的黑旗（黑旗在该月评比公布后 {cfg['rating.appealWindowDays']} 天内可申诉）。</p>
        )}
      </section>
    </div>
  );
}

function dateWords(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Twelve squares, oldest first; each names its month and flag for screen readers. */
function Strip({ strip }: { strip: MerchantPage['strip'] }) {
  return (
    <ol aria-label="近 12 个月评比" className="mt-3 grid grid-cols-6 gap-1 sm:grid-cols-12">
      {strip.map((s) => {
        const flag = s.revoked ? 'none' : s.flag;
        const words = s.flag ? `${FLAG_LABEL[s.flag]}${s.revoked ? '（已撤销）' : ''}` : '未评比';
        return (
          <li key={s.month} className={`rounded p-1 text-center ${flag ? FLAG_STYLE[flag] : 'border border-dashed border-slate-400 text-slate-700'}`} title={s.reasons.join('、') || undefined}>
            <span className="block text-sm">{Number(s.month.slice(5))}月</span>
            <span className={`block text-base font-bold ${s.revoked ? 'line-through' : ''}`}>{s.flag ? FLAG_LABEL[s.flag].slice(0, 1) : '—'}</span>
            <span className="sr-only">
              {monthLabel(s.month)}：{words}
              {s.reasons.length ? `，${s.reasons.join('、')}` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function Appeals({ appeals }: { appeals: MerchantPage['appeals'] }) {
  if (appeals.length === 0) return null;
  return (
    <ul className="mt-2 divide-y divide-slate-200">
      {appeals.map((a) => (
        <li key={a.id} className="py-3 text-lg">
          <p>
            <span className="font-semibold">{monthLabel(a.month)}黑旗</span> · {cstDateLabel(new Date(a.createdAt))} 提交 ·{' '}
            <span className="font-bold">{APPEAL_STATUS_LABEL[a.status]}</span>
          </p>
          {a.decidedAt ? (
            <p className="text-base text-slate-700">
              {cstDateLabel(new Date(a.decidedAt))} 处理：{a.decisionNote}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

