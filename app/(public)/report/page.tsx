/** /report (and /report?segment=CODE from a signboard's QR): the 随手拍 form. A public URL; see DESIGN §4. */
import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { normalizeSegmentCode } from '@/lib/domain/segment-code';
import { reportCategoryChoices, reportPlaceChoices, segmentForReport } from '@/lib/reports/queries';
import { getSettings } from '@/lib/settings/queries';
import { ReportForm } from './report-form';

export const metadata: Metadata = {
  title: '随手拍 · 反映问题',
  description: '拍下身边的道路、市容问题，提交给路长处理，并可随时查看办理进度。',
};

type SearchParams = Promise<{ segment?: string | string[] }>;

export default async function ReportPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const db = await getDb();
  const requested = [(await searchParams).segment].flat()[0] ?? '';
  const code = requested ? normalizeSegmentCode(requested) : null;
  const [segment, categories, streets, settings] = await Promise.all([
    code ? segmentForReport(db, code) : null,
    reportCategoryChoices(db),
    reportPlaceChoices(db),
    getSettings(db, ['report.maxPhotos', 'report.maxPhotoBytes']),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold text-slate-900">随手拍</h1>
      <p className="text-lg text-slate-700">拍下问题、选好类型和位置，一分钟就能提交。提交后会得到案件编号和查询码，可随时查看办理进度。</p>
      {requested && !segment && (
        <p role="status" className="rounded-lg border-2 border-amber-500 bg-amber-50 p-3 text-lg text-amber-900">
          没有找到路段“{requested.slice(0, 20)}”，请在下面选择问题所在的路段或填写地址。
        </p>
      )}
      <ReportForm
        // A fresh key per page view: a double tap or a retried post of this form makes one case, not two.
        idempotencyKey={randomUUID()}
        prefilled={segment ? { code: segment.code, name: segment.name } : null}
        categories={categories}
        streets={streets}
        maxPhotos={settings['report.maxPhotos']}
        maxPhotoMb={Math.floor(settings['report.maxPhotoBytes'] / 1024 / 1024)}
      />
    </div>
  );
}
