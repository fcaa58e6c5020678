/** /open-data: the monthly anonymised case files, their data dictionary and the licence. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { monthText, openDataMonths } from '@/lib/domain/stats';
import { OPEN_DATA_FIELDS, OPEN_DATA_LICENCE } from '@/lib/stats/open-data';

export const metadata: Metadata = {
  title: '开放数据',
  description: '每月案件匿名明细（CSV、JSON），附字段说明，按 CC BY 4.0 许可开放。',
};

const CARD = 'rounded-xl bg-white p-[min(1.25rem,5vw)] shadow-sm';

export default async function OpenDataPage() {
  await connection();
  const months = openDataMonths(new Date(), 12);
  return (
    <div className="space-y-6">
      <section aria-labelledby="od-title" className={CARD}>
        <h1 id="od-title" className="text-3xl font-bold text-slate-900">
          开放数据
        </h1>
        <p className="mt-2 text-lg">
          每月案件的匿名明细，供研究者、媒体和第三方应用使用。汇总数字见{' '}
          <Link href="/stats" className="font-semibold text-brand underline">
            数据公开
          </Link>
          ；逐件查询和提交请用 Open311 接口（/open311/v2/）。
        </p>
        <h2 className="mt-4 text-xl font-bold">许可</h2>
        <p className="mt-1 text-base">
          数据按{' '}
          <a href={OPEN_DATA_LICENCE.url} className="font-semibold text-brand underline" rel="license">
            {OPEN_DATA_LICENCE.name}
          </a>{' '}
          开放：可自由复制、分发、改编和商业使用，须注明来源“路长通”及所在区。
        </p>
        <h2 className="mt-4 text-xl font-bold">匿名处理</h2>
        <ul className="mt-1 list-disc space-y-1 pl-6 text-base">
          <li>不含反映人的姓名、电话、设备信息和查询码。</li>
          <li>问题描述只在工作人员审核确认可公开时提供；地址文字不提供。</li>
          <li>坐标保留 3 位小数，约 100 米精度。</li>
          <li>照片不在开放数据中。</li>
        </ul>
      </section>

      <section aria-labelledby="od-files" className={CARD}>
        <h2 id="od-files" className="text-2xl font-bold">
          按月下载
        </h2>
        <p className="mt-1 text-base text-slate-700">每个文件含当月（北京时间）收到的全部反映，次月初发布。文件为 UTF-8 编码，CSV 带 BOM，可直接用 Excel 打开。</p>
        <ul className="mt-3 divide-y divide-slate-100">
          {months.map((m) => (
            <li key={m} className="flex flex-wrap items-center justify-between gap-2 py-2 text-base">
              <span>{monthText(m)}</span>
              <span className="flex gap-4">
                <a className="inline-flex min-h-11 items-center font-semibold text-brand underline" href={`/open-data/cases-${m}.csv`}>
                  CSV<span className="sr-only">（{monthText(m)}）</span>
                </a>
                <a className="inline-flex min-h-11 items-center font-semibold text-brand underline" href={`/open-data/cases-${m}.json`}>
                  JSON<span className="sr-only">（{monthText(m)}）</span>
                </a>
              </span>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">更早的月份可按同样的地址规则下载：/open-data/cases-年-月.csv 或 .json。</p>
      </section>

      <section aria-labelledby="od-dict" className={CARD}>
        <h2 id="od-dict" className="text-2xl font-bold">
          字段说明
        </h2>
        <p className="mt-1 text-base text-slate-700">CSV 的表头和 JSON 中 cases 数组每项的键名相同；JSON 另有 district、month、licence、count 等文件信息。</p>
        <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="字段说明表">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="px-2 py-1">字段</th>
                <th scope="col" className="px-2 py-1">类型</th>
                <th scope="col" className="px-2 py-1">说明</th>
              </tr>
            </thead>
            <tbody>
              {OPEN_DATA_FIELDS.map((f) => (
                <tr key={f.name} className="border-b border-slate-100 align-top">
                  <th scope="row" className="px-2 py-1 font-mono font-normal whitespace-nowrap">
                    {f.name}
                  </th>
                  <td className="px-2 py-1 whitespace-nowrap">{f.type}</td>
                  <td className="px-2 py-1">{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
