/** /track: look a case up by the number and lookup code on the receipt (a public URL, DESIGN §4). */
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listDemoTrackSamples } from '@/lib/cases/queries';
import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { EMPTY_LOOKUP } from './lookup-state';
import { TrackForm } from './track-form';

export const metadata: Metadata = {
  title: '查进度',
  description: '凭回执上的案件编号和查询码，查看您反映的问题办理到哪一步。',
  referrer: 'same-origin',
};

const CARD = 'rounded-xl bg-white p-[min(1.25rem,5.5vw)] shadow-sm';

export default async function TrackPage() {
  await connection();
  const samples = env().demoMode ? await listDemoTrackSamples(await getDb()) : [];
  return (
    <div className="space-y-6">
      <section aria-labelledby="track-title" className={CARD}>
        <h1 id="track-title" className="text-3xl font-bold">
          查询办理进度
        </h1>
        <p className="mt-2 text-lg text-slate-800">请输入回执上的案件编号和查询码。扫描回执上的二维码可以直接打开。</p>
        <div className="mt-5">
          <TrackForm initial={EMPTY_LOOKUP} />
        </div>
      </section>
      <section aria-labelledby="track-help" className={CARD}>
        <h2 id="track-help" className="text-2xl font-bold">
          找不到回执？
        </h2>
        <p className="mt-2 text-lg text-slate-800">
          查询码只印在提交后的回执上。没有回执也没留手机号的，可以拨打页面下方的监督电话查询，或者
          <Link href="/report" className="font-semibold text-brand underline">
            重新反映问题
          </Link>
          。
        </p>
      </section>
      {samples.length > 0 ? (
        <section aria-labelledby="track-demo" className={CARD}>
          <h2 id="track-demo" className="text-2xl font-bold">
            演示案件
          </h2>
          <p className="mt-2 text-base text-slate-700">这是演示站点，以下是演示数据中的案件，可直接点开试用。</p>
          <ul className="mt-2 divide-y divide-slate-200">
            {samples.map((s) => (
              <li key={s.number}>
                {/* A full page load, like a receipt's QR: the link is exchanged for the access cookie. */}
                <a
                  href={`/track/${s.number}?code=${s.lookupCode}`}
                  className="flex min-h-14 flex-wrap items-center justify-between gap-x-3 py-2 text-lg hover:bg-slate-50"
                >
                  <span className="font-semibold text-brand">{s.label}</span>
                  <span className="font-mono">
                    <span className="sr-only">案件编号</span>
                    <span data-demo="number">{s.number}</span> · <span className="sr-only">查询码</span>
                    <span data-demo="code">{s.lookupCode}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
