import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel, cstMonthStartIso } from '@/lib/domain/calendar';
import { monthLabel, monthParam, monthStart } from '@/lib/domain/rating-grid';
import { gridStandings, lastUnlock, listRatingStreets, loadRatingGrid, mayRateStreet, UNLOCK_REASON_MAX } from '@/lib/ratings/queries';
import { GridForm, type GridRowView } from './grid-form';
import { LockForm } from './lock-form';
import { UnlockForm } from './unlock-form';

export const metadata: Metadata = { title: '红黑旗评比' };

const query = z.object({
  street: z.coerce.number().int().positive().optional().catch(undefined),
  month: z.string().optional().catch(undefined),
  segment: z.string().max(16).optional().catch(undefined),
});

/** The inspectors' monthly 门前三包 rating grid for one street (or one segment of it), and locking the month. */
export default async function RatingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const staff = await requireStaff(['admin', 'inspector'], '/staff/ratings');
  const q = query.parse(await searchParams);
  const db = await getDb();
  const current = cstMonthStartIso(new Date());
  const month = (q.month && monthStart(q.month)) || current;
  const streets = await listRatingStreets(db, staff);
  const streetId = q.street ?? streets[0]?.id;
  const allowed = streetId !== undefined && mayRateStreet(staff, streetId);
  const full = allowed ? await loadRatingGrid(db, { streetId, month }) : null;
  const segment = full?.segments.find((s) => s.code === q.segment?.toUpperCase());
  const grid = full && segment ? { ...full, merchants: full.merchants.filter((m) => m.segmentCode === segment.code), segments: [segment] } : full;
  const standings = grid ? await gridStandings(db, { merchantIds: grid.merchants.map((m) => m.id), month }) : new Map();
  const future = month > current;
  const mayUnlock = staff.roles.includes('admin');
  // While a month is open again after an unlock, the grid says who unlocked it and why.
  const unlocked = grid && !grid.locked ? await lastUnlock(db, { streetId: grid.streetId, month }) : null;

  const rows: GridRowView[] = grid
    ? [...grid.merchants, ...grid.segments].map((r) => {
        const s = r.subject === 'merchant' ? standings.get(r.id) : undefined;
        return {
          key: `${r.subject}:${r.id}`,
          subject: r.subject,
          id: r.id,
          code: r.code,
          name: r.name,
          segmentCode: r.segmentCode,
          flag: r.cell?.flag ?? 'none',
          reasons: r.cell?.reasons ?? [],
          version: r.cell?.version ?? null,
          inspectorName: r.cell?.inspectorName ?? null,
          revoked: r.cell?.revoked ?? false,
          standing: s ? { label: s.label, tone: s.status } : null,
        };
      })
    : [];
  const unrated = grid ? [...grid.merchants, ...grid.segments].filter((r) => r.cell === null).length : 0;
  const importHref = `/staff/ratings/import?month=${monthParam(month)}`;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">门前三包 红黑旗评比</h1>
        <Link href={importHref} className="text-blue-800 underline">
          从 Excel 导入本月评比
        </Link>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <label className="flex flex-col">
          <span className="font-medium">街道（镇）</span>
          <select name="street" defaultValue={streetId ?? ''} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2">
            {streets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">月份</span>
          <input type="month" name="month" defaultValue={monthParam(month)} max={monthParam(current)} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2" />
        </label>
        <label className="flex flex-col">
          <span className="font-medium">路段（可选）</span>
          <select name="segment" defaultValue={segment?.code ?? ''} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2">
            <option value="">整个街道</option>
            {full?.segments.map((s) => (
              <option key={s.id} value={s.code}>
                {s.code} {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-10 rounded bg-slate-800 px-4 font-bold text-white">
          打开评比表
        </button>
      </form>

      {!allowed ? (
        <p role="alert" className="rounded bg-amber-100 p-3">
          {streets.length === 0 ? '您的账号没有可评比的街道。' : '您只能评比本街道的商户和路段。'}
        </p>
      ) : !grid ? (
        <p role="alert" className="rounded bg-amber-100 p-3">
          没有这个街道。
        </p>
      ) : future ? (
        <p role="alert" className="rounded bg-amber-100 p-3">
          {monthLabel(month)}还没有到，不能评比。
        </p>
      ) : (
        <>
          <h2 className="text-xl font-bold">
            {grid.streetName} · {monthLabel(month)}
            {segment ? ` · ${segment.code}` : ''}
          </h2>
          {grid.locked ? (
            <p data-testid="locked-note" className="rounded bg-slate-200 p-3">
              本月评比已于 {cstDateTimeLabel(grid.locked.at)} 由{grid.locked.byName ?? '系统'}锁定发布，结果已公开，不能再修改。
            </p>
          ) : unlocked ? (
            <p data-testid="unlocked-note" className="rounded bg-amber-50 p-3">
              本月评比已于 {cstDateTimeLabel(unlocked.at)} 由{unlocked.byName}解锁（原因：{unlocked.reason}），结果暂不公开，修改后请重新锁定发布。
            </p>
          ) : null}
          <GridForm key={`${grid.streetId}/${month}/${segment?.code ?? ''}`} streetId={grid.streetId} month={monthParam(month)} locked={Boolean(grid.locked)} rows={rows} />
          <LockForm streetId={grid.streetId} month={monthParam(month)} monthText={`${grid.streetName}${monthLabel(month)}`} unrated={unrated} locked={Boolean(grid.locked)} />
          {mayUnlock ? (
            <UnlockForm
              key={`unlock-${grid.streetId}/${month}`}
              streetId={grid.streetId}
              month={monthParam(month)}
              monthText={`${grid.streetName}${monthLabel(month)}`}
              lockedAt={grid.locked ? grid.locked.at.toISOString() : null}
              reasonMax={UNLOCK_REASON_MAX}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
