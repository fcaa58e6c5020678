import type { Metadata } from 'next';
import { connection } from 'next/server';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { areaUnits } from '@/lib/db/schema';
import { BOARD_TEMPLATES } from '@/lib/domain/signboard';
import { districtLogoPreview } from '@/lib/signboards/logo';
import { listBoardStatuses } from '@/lib/signboards/queries';
import { ExportButton } from './export-button';
import { LogoForm } from './logo-form';
import { MarkPrintedButton } from './mark-printed-button';

export const metadata: Metadata = { title: '公示牌印制管理' };

const query = z.object({
  street: z.coerce.number().int().positive().optional().catch(undefined),
  template: z.enum(BOARD_TEMPLATES).catch('landscape'),
});
const TEMPLATE_LABEL = { landscape: '横版街牌', portrait: '竖版杆牌' } as const;
const fmt = (d: Date) => new Date(d).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

export default async function SignboardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireStaff(['admin'], '/staff/signboards');
  const { street, template } = query.parse(await searchParams);
  const db = await getDb();
  const streets = await db
    .select({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .where(eq(areaUnits.level, 'street'))
    .orderBy(asc(areaUnits.id));
  const [rows, logo] = await Promise.all([listBoardStatuses(db, { streetId: street, template }), districtLogoPreview(db)]);
  const counts = { current: 0, outdated: 0, never: 0 };
  for (const r of rows) counts[r.status.state]++;
  const exportHref = `/staff/signboards/export?template=${template}${street ? `&street=${street}` : ''}`;

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">公示牌印制管理</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <label className="flex flex-col">
          <span className="font-medium">街道（镇）</span>
          <select name="street" defaultValue={street ?? ''} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2">
            <option value="">全区</option>
            {streets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">版式</span>
          <select name="template" defaultValue={template} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2">
            {BOARD_TEMPLATES.map((t) => (
              <option key={t} value={t}>
                {TEMPLATE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-10 rounded bg-slate-800 px-4 text-white">
          查看
        </button>
      </form>

      <section className="flex flex-wrap items-center gap-4 rounded-lg bg-white p-4 shadow-sm" aria-label="汇总">
        <p>
          共 {rows.length} 块：<strong className="text-green-800">现行 {counts.current}</strong> ·{' '}
          <strong className="text-red-700">已过期 {counts.outdated}</strong> · <strong className="text-slate-700">未印制 {counts.never}</strong>
        </p>
        <ExportButton href={exportHref} count={rows.length} />
      </section>

      <LogoForm preview={logo} />

      <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-left shadow-sm">
        <thead className="bg-slate-200">
          <tr>
            <th className="p-2">路段编号</th>
            <th className="p-2">路段</th>
            <th className="p-2">状态</th>
            <th className="p-2">预览与下载</th>
            <th className="p-2">操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className="border-t border-slate-200" data-code={r.code} data-state={r.status.state}>
              <td className="p-2 font-mono">{r.code}</td>
              <td className="p-2">{r.name}</td>
              <td className="p-2">
                {r.status.state === 'current' ? (
                  <span className="text-green-800">现行（{fmt(r.status.printedAt)} 印制）</span>
                ) : r.status.state === 'outdated' ? (
                  <span className="font-semibold text-red-700">
                    已过期：自 {fmt(r.status.since)} 内容有变（上次印制 {fmt(r.status.printedAt)}）
                  </span>
                ) : (
                  <span className="text-slate-700">未印制</span>
                )}
              </td>
              <td className="space-x-2 p-2">
                <a className="text-brand underline" href={`/signboards/${r.code}.png?template=${template}`} target="_blank" rel="noreferrer">
                  预览
                </a>
                <a className="text-brand underline" href={`/signboards/${r.code}.pdf?template=${template}&download=1`}>
                  PDF
                </a>
              </td>
              <td className="p-2">
                {r.status.state === 'current' ? null : <MarkPrintedButton code={r.code} template={template} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
