/** The receipt after a 随手拍: case number, lookup code, tracking link and its QR, laid out to be screenshotted. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { clientIp } from '@/lib/abuse/client';
import { hitRateLimit, rateLimitMessage } from '@/lib/abuse/rate-limit';
import { normalizeCaseNumber, normalizeLookupCode } from '@/lib/domain/case-number';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { receiptView } from '@/lib/reports/queries';
import { trackPath } from '@/lib/reports/receipt';
import { qrSvgPath } from '@/lib/signboards/qr';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: '提交成功 · 随手拍回执', robots: { index: false } };

type Props = { params: Promise<{ number: string }>; searchParams: Promise<{ code?: string | string[] }> };

/** Wrong pairs per IP before the receipt page stops answering: it must not become a way around /track's limits. */
const RECEIPT_MISSES_PER_10_MINUTES = 20;

export default async function ReceiptPage({ params, searchParams }: Props) {
  await connection();
  const number = normalizeCaseNumber(decodeURIComponent((await params).number));
  const code = normalizeLookupCode([(await searchParams).code].flat()[0] ?? '');
  const db = await getDb();
  const receipt = number && code ? await receiptView(db, number, code) : null;
  if (!receipt) {
    const limited = await hitRateLimit(db, `receipt-miss:ip:${clientIp(await headers())}`, [{ windowSeconds: 600, max: RECEIPT_MISSES_PER_10_MINUTES }]);
    return (
      <section className="rounded-xl bg-white p-5 shadow-sm">
        <h1 className="text-2xl font-bold">没有找到这张回执</h1>
        <p className="mt-2 text-lg">{limited.ok ? '链接可能不完整。请用回执上的案件编号和查询码到“查进度”查询。' : rateLimitMessage(limited, '查询')}</p>
        <Link href="/track" className="mt-4 inline-flex min-h-12 items-center rounded-lg bg-brand px-5 text-lg font-semibold text-white">
          去查进度
        </Link>
      </section>
    );
  }
  const path = trackPath(receipt);
  const url = `${env().PUBLIC_BASE_URL.replace(/\/+$/, '')}${path}`;
  const qr = qrSvgPath(url, 100);
  return (
    <div className="space-y-5">
      <section aria-labelledby="done-title" className="rounded-xl border-4 border-green-700 bg-white p-5 shadow-sm">
        <h1 id="done-title" className="text-3xl font-bold text-green-800">
          ✓ 提交成功
        </h1>
        <p className="mt-1 text-lg text-slate-700">请截图保存本页，凭案件编号和查询码查看办理进度。</p>
        <dl className="mt-4 space-y-3">
          <div>
            <dt className="text-lg text-slate-700">案件编号</dt>
            <dd className="font-mono text-3xl font-bold tracking-wide break-all">{receipt.number}</dd>
          </div>
          <div>
            <dt className="text-lg text-slate-700">查询码</dt>
            <dd className="font-mono text-4xl font-bold tracking-[0.3em] text-brand">{receipt.lookupCode}</dd>
          </div>
          <div>
            <dt className="text-lg text-slate-700">问题</dt>
            <dd className="text-xl">
              {receipt.categoryName ?? '—'} · {receipt.segmentName ?? receipt.address ?? '位置待核实'}
            </dd>
          </div>
          <div>
            <dt className="text-lg text-slate-700">提交时间</dt>
            <dd className="text-xl">{cstDateTimeLabel(receipt.createdAt)}</dd>
          </div>
        </dl>
        <svg viewBox="0 0 100 100" role="img" aria-label="查进度二维码" className="mx-auto mt-4 size-48 bg-white">
          <path d={qr.path} fill="#000" shapeRendering="crispEdges" />
        </svg>
        <p className="text-center text-base text-slate-700">扫码或点下面的按钮查看进度</p>
      </section>
      {receipt.similarNumber && (
        <p role="status" className="rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-lg text-amber-900">
          类似问题已在处理中（案件 {receipt.similarNumber}）。您的反映已一并记录，工作人员会合并处理。
        </p>
      )}
      <div className="grid gap-3">
        <Link href={path} className="flex min-h-14 items-center justify-center rounded-xl bg-brand px-4 text-xl font-bold text-white">
          查看办理进度
        </Link>
        <Link
          href={receipt.segmentCode ? `/report?segment=${receipt.segmentCode}` : '/report'}
          className="flex min-h-14 items-center justify-center rounded-xl border-2 border-brand bg-white px-4 text-xl font-semibold text-brand"
        >
          再拍一个
        </Link>
      </div>
    </div>
  );
}
