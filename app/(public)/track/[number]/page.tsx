/**
 * /track/{caseNumber}: the citizen's view of one case (a public URL printed on receipts, DESIGN §4).
 * `?code=` (the receipt's link and QR) is exchanged for the access cookie and dropped from the URL;
 * without access the page is the lookup form with the number filled in.
 */
import type { Metadata } from 'next';
import Link from 'next/link';
import { permanentRedirect, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { authorizedCase, getCitizenCaseView, type CitizenCaseView } from '@/lib/cases/track';
import { readTrackToken, trackSecret } from '@/lib/cases/track-session';
import { getDb } from '@/lib/db';
import { normalizeCaseNumber } from '@/lib/domain/case-number';
import { citizenTime } from '@/lib/domain/citizen-view';
import { codeMessage, lookupRefusedMessage, NOT_FOUND_MESSAGE, TRACK_MESSAGE } from '@/lib/domain/track-input';
import { EMPTY_LOOKUP, type LookupState } from '../lookup-state';
import { TrackForm } from '../track-form';
import { RatingSection, ReopenSection } from './case-forms';

type Params = Promise<{ number: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const CARD = 'rounded-xl bg-white p-[min(1.25rem,5.5vw)] shadow-sm';

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Which case the path names, and whether this browser may see it. Shared by metadata and page. */
const load = cache(async (rawParam: string) => {
  await connection();
  const raw = decodeSegment(rawParam);
  const number = raw.length <= 40 ? normalizeCaseNumber(raw) : null;
  if (!number) return { raw, number: null, view: null } as const;
  const db = await getDb();
  const access = await authorizedCase(db, { number, token: await readTrackToken(), secret: await trackSecret(db) });
  const view = access ? await getCitizenCaseView(db, { caseId: access.caseId }) : null;
  return { raw, number, view } as const;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { number } = await load((await params).number);
  return {
    title: number ? `案件 ${number} · 查进度` : '查进度',
    robots: { index: false, follow: false },
    referrer: 'same-origin',
  };
}

/** The message for a refusal the access route sent back, rebuilt from fixed sentences (nothing from the query is echoed as text). */
function refusalMessage(query: Record<string, string | string[] | undefined>, code: string): Pick<LookupState, 'message' | 'errors'> {
  const kind = one(query.e);
  if (kind === 'not_found') return { message: NOT_FOUND_MESSAGE };
  if (kind === 'code') return { errors: { code: code.trim() === '' ? TRACK_MESSAGE.proofMissing : codeMessage(code) } };
  if (kind === 'busy') {
    const wait = Number(one(query.w));
    const seconds = Number.isInteger(wait) && wait > 0 && wait <= 2 * 86_400 ? wait : 600;
    return { message: lookupRefusedMessage(one(query.s) === 'case' ? 'case' : 'ip', seconds) };
  }
  return {};
}

export default async function TrackCasePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const rawParam = (await params).number;
  const query = await searchParams;
  const code = one(query.code);
  const { raw, number, view } = await load(rawParam);

  if (!number) {
    const initial: LookupState = { values: { ...EMPTY_LOOKUP.values, number: raw.slice(0, 40) }, errors: { number: TRACK_MESSAGE.numberInvalid } };
    return <LookupPage initial={initial} />;
  }
  const suffix = code !== undefined ? `?code=${encodeURIComponent(code.slice(0, 20))}` : '';
  if (number !== rawParam) permanentRedirect(`/track/${number}${suffix}`);
  if (code !== undefined) redirect(view ? `/track/${number}` : `/track/${number}/access${suffix}`);
  if (!view) {
    const typed = (one(query.c) ?? '').slice(0, 20);
    return <LookupPage initial={{ values: { ...EMPTY_LOOKUP.values, number, code: typed }, ...refusalMessage(query, typed) }} />;
  }
  return <CaseView view={view} />;
}

function LookupPage({ initial }: { initial: LookupState }) {
  return (
    <section aria-labelledby="track-title" className={CARD}>
      <h1 id="track-title" className="text-3xl font-bold">
        查询办理进度
      </h1>
      <p className="mt-2 text-lg text-slate-800">请输入回执上的查询码（或报案时所留手机号的后 4 位）查看这件案件。</p>
      <div className="mt-5">
        {/* Keyed by what it starts with, so arriving with another refusal starts the form afresh. */}
        <TrackForm key={JSON.stringify(initial)} initial={initial} />
      </div>
    </section>
  );
}

function CaseView({ view }: { view: CitizenCaseView }) {
  const photo = (id: number, size: 'thumb' | 'large') => `/track/${view.number}/photos/${id}${size === 'large' ? '?size=large' : ''}`;
  return (
    <div className="space-y-6">
      <section aria-labelledby="case-title" className={CARD}>
        <p className="text-base text-slate-700">
          案件编号 <span className="font-mono font-semibold whitespace-nowrap">{view.number}</span>
        </p>
        <h1 id="case-title" className="mt-1 text-3xl font-bold">
          办理进度：<span className={view.stage === 'rejected' ? 'text-alert' : 'text-brand'}>{view.stageLabel}</span>
        </h1>
        <ol aria-label="办理步骤" className="mt-4 space-y-2">
          {view.steps.map((s) => (
            <li
              key={s.stage}
              aria-current={s.state === 'current' ? 'step' : undefined}
              className={`flex min-h-12 flex-wrap items-center gap-x-3 rounded-lg px-3 py-2 text-lg ${
                s.state === 'upcoming' ? 'bg-slate-100 text-slate-700' : s.stage === 'rejected' ? 'bg-red-50 text-alert' : 'bg-blue-50 text-slate-900'
              } ${s.state === 'current' ? 'ring-2 ring-brand' : ''}`}
            >
              <span aria-hidden="true" className="text-2xl">
                {s.state === 'done' ? (s.stage === 'rejected' ? '✕' : '✓') : s.state === 'current' ? '●' : '○'}
              </span>
              <span className="font-bold whitespace-nowrap">{s.label}</span>
              <span className="sr-only">{s.state === 'done' ? '（已完成）' : s.state === 'current' ? '（当前）' : '（未开始）'}</span>
              {s.at ? <span className="ml-auto text-base text-slate-700">{citizenTime(s.at)}</span> : null}
            </li>
          ))}
        </ol>
        {view.rejectReason ? (
          <p className="mt-4 rounded-lg bg-red-50 p-3 text-lg">
            <span className="font-bold">未受理原因：</span>
            {view.rejectReason}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="case-info" className={CARD}>
        <h2 id="case-info" className="text-2xl font-bold">
          案件信息
        </h2>
        <dl className="mt-3 space-y-2 text-lg">
          <Row label="问题类型">{view.category ?? '未分类'}</Row>
          <Row label="问题位置">
            {view.segment ? (
              <Link href={`/r/${view.segment.code}`} className="inline-flex min-h-11 items-center text-brand underline">
                {view.segment.name}
              </Link>
            ) : null}
            {view.address ? <span className="block">{view.address}</span> : null}
            {!view.segment && !view.address ? '未填写' : null}
          </Row>
          <Row label="处理单位">{view.handlingUnit ?? (view.stage === 'rejected' ? '—' : '等待派遣')}</Row>
          <Row label="反映时间">{citizenTime(view.createdAt)}</Row>
          {view.closedAt ? <Row label="办结时间">{citizenTime(view.closedAt)}</Row> : null}
          <Row label="问题描述">
            <span className="whitespace-pre-line wrap-anywhere">{view.description || '（未填写）'}</span>
          </Row>
        </dl>
      </section>

      {view.photos.report.length > 0 || view.photos.after.length > 0 ? (
        <section aria-labelledby="case-photos" className={CARD}>
          <h2 id="case-photos" className="text-2xl font-bold">
            照片
          </h2>
          <Photos title="您拍的照片" ids={view.photos.report} src={photo} />
          <Photos title="处理后的照片" ids={view.photos.after} src={photo} />
        </section>
      ) : null}

      <section aria-labelledby="case-replies" className={CARD}>
        <h2 id="case-replies" className="text-2xl font-bold">
          办理记录
        </h2>
        <ol className="mt-3 space-y-4 border-l-4 border-blue-100 pl-4">
          {view.replies.map((r, i) => (
            <li key={i}>
              <p className="text-base text-slate-700">{citizenTime(r.at)}</p>
              <p className="text-lg font-bold">{r.title}</p>
              {r.note ? <p className="text-lg whitespace-pre-line wrap-anywhere">{r.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {/* One place in the tree whatever the state, so a form's answer survives the refresh after it. */}
      <div className={`${CARD} space-y-8 empty:hidden`}>
        <RatingSection number={view.number} version={view.version} canRate={view.canRate} satisfaction={view.satisfaction} />
        <ReopenSection
          number={view.number}
          version={view.version}
          allowed={view.reopen.allowed}
          until={view.reopen.until ? citizenTime(view.reopen.until) : null}
          windowDays={view.reopen.windowDays}
        />
      </div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="inline text-slate-700">{label}：</dt>
      <dd className="inline font-semibold">{children}</dd>
    </div>
  );
}

function Photos({ title, ids, src }: { title: string; ids: number[]; src: (id: number, size: 'thumb' | 'large') => string }) {
  if (ids.length === 0) return null;
  return (
    <div className="mt-3">
      <h3 className="text-xl font-bold">{title}</h3>
      <ul className="mt-2 grid grid-cols-2 gap-3">
        {ids.map((id, i) => (
          <li key={id}>
            <a href={src(id, 'large')} className="block overflow-hidden rounded-lg border border-slate-200">
              {/* A private, cookie-authorised route: next/image's optimiser would not carry the cookie. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={src(id, 'thumb')} alt={`${title} ${i + 1}（点击看大图）`} width={400} height={300} loading="lazy" className="h-auto w-full bg-slate-100 object-cover" />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
