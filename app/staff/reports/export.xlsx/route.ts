/** GET /staff/reports/export.xlsx?month=YYYY-MM — the month's 考核 as one workbook: streets, departments, chiefs. */
import { writeAudit } from '@/lib/audit/queries';
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { parseAssessmentQuery, ASSESSMENT_GROUPS } from '@/lib/stats/assessment';
import { getAssessment, getDistrict } from '@/lib/stats/queries';
import { XLSX_TYPE, assessmentTable, attachment, tablesXlsx } from '@/lib/stats/tables';

const text = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function GET(request: Request) {
  const staff = await staffOrResponse(['admin', 'dispatcher', 'inspector']);
  if (staff instanceof Response) return staff;
  const query = parseAssessmentQuery({ month: new URL(request.url).searchParams.get('month') }, new Date());
  if (query.message) return text(query.message, 400);
  const db = await getDb();
  const district = await getDistrict(db);
  if (!district) return text('尚未录入辖区数据。', 404);
  const tables = [];
  for (const group of ASSESSMENT_GROUPS) {
    tables.push(assessmentTable(await getAssessment(db, { districtId: district.id, month: query.month, group }), group, query.month));
  }
  const bytes = await tablesXlsx(tables);
  await writeAudit(db, { actorUserId: staff.id, actorLabel: staff.username, action: 'reports.export', entityType: 'assessment', entityId: query.month });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': attachment(`assessment-${query.month}.xlsx`, `${district.name}-${query.month}-路长制考核.xlsx`),
      'cache-control': 'no-store',
    },
  });
}
