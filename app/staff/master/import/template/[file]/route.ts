import { Readable } from 'node:stream';
import { staffOrResponse } from '@/lib/auth/staff';
import { LEDGER_KINDS, LEDGER_LABEL, type LedgerKind } from '@/lib/domain/ledger';
import { ledgerTemplate } from '@/lib/ledger/export';

/** GET /staff/master/import/template/{segments|chiefs|merchants}.xlsx — the empty 台账 with drop-downs and an example sheet. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const staff = await staffOrResponse(['admin', 'dispatcher']);
  if (staff instanceof Response) return staff;
  const { file } = await params;
  const kind = file.replace(/\.xlsx$/, '') as LedgerKind;
  if (!file.endsWith('.xlsx') || !LEDGER_KINDS.includes(kind)) {
    return new Response('没有这个模板：可下载 segments.xlsx、chiefs.xlsx、merchants.xlsx', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return new Response(Readable.toWeb(ledgerTemplate(kind)) as ReadableStream, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(`${LEDGER_LABEL[kind]}模板.xlsx`)}`,
      'cache-control': 'no-store',
    },
  });
}
