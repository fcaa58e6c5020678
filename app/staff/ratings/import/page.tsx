import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { cstMonthStartIso } from '@/lib/domain/calendar';
import { monthLabel, monthParam, monthStart } from '@/lib/domain/rating-grid';
import { RATING_SHEET_COLUMNS } from '@/lib/domain/rating-sheet';
import { listRatingStreets } from '@/lib/ratings/queries';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: '导入红黑旗评比' };

const query = z.object({ month: z.string().optional().catch(undefined) });

/** A month's flags from Excel: download the street's sheet, fill it, 试运行, 导入. */
export default async function RatingImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const staff = await requireStaff(['admin', 'inspector'], '/staff/ratings/import');
  const q = query.parse(await searchParams);
  const month = (q.month && monthStart(q.month)) || cstMonthStartIso(new Date());
  const streets = await listRatingStreets(await getDb(), staff);
  return (
    <div className="space-y-5">
      <p>
        <Link href={`/staff/ratings?month=${monthParam(month)}`} className="text-blue-800 underline">
          ← 返回评比表
        </Link>
      </p>
      <h1 className="text-2xl font-bold">从 Excel 导入红黑旗评比</h1>
      <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-bold">1. 下载本街道{monthLabel(month)}评比表</h2>
        <p className="text-slate-700">
          表中已列出街道的全部商户和路段及已评结果。列：{RATING_SHEET_COLUMNS.map((c) => c.header).join('、')}。评比结果填 红旗 / 黑旗 / 无，留空的行不导入；黑旗必须填原因（如 乱堆乱放、出店经营，多个用顿号隔开）。
        </p>
        <ul className="flex flex-wrap gap-4">
          {streets.map((s) => (
            <li key={s.id}>
              <a href={`/staff/ratings/sheet?street=${s.id}&month=${monthParam(month)}`} className="text-blue-800 underline">
                {s.name}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <ImportForm month={monthParam(month)} />
    </div>
  );
}
