import { Readable } from 'node:stream';
import { writeAudit } from '@/lib/audit/queries';
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { LEDGER_KINDS, type LedgerKind } from '@/lib/domain/ledger';
import { exportLedger, exportTable } from '@/lib/ledger/export';
import { getEntity } from '@/lib/master/registry';

/**
 * GET /staff/master/{entity}/export.xlsx — the whole list as xlsx, streamed, every text cell escaped
 * against formula injection. The three 台账 export in their import template's columns.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ entity: string }> }) {
  const staff = await staffOrResponse(['admin', 'dispatcher']);
  if (staff instanceof Response) return staff;
  const { entity: key } = await params;
  const entity = getEntity(key);
  if (!entity) return new Response('没有这个列表', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const db = await getDb();
  const ledger = (LEDGER_KINDS as readonly string[]).includes(key);
  const stream = ledger || !entity.exportSheet ? exportLedger(db, key as LedgerKind) : (() => {
    const sheet = entity.exportSheet!(db);
    return exportTable(entity.title, sheet.headers, sheet.rows);
  })();
  await writeAudit(db, { actorUserId: staff.id, actorLabel: staff.username, action: 'master.export', entityType: key });
  const name = `${entity.title}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${key}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}
