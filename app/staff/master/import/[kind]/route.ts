import { revalidatePath, revalidateTag } from 'next/cache';
import { writeAudit } from '@/lib/audit/queries';
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { LEDGER_KINDS, problemText, type LedgerKind } from '@/lib/domain/ledger';
import { applyLedger, dryRunLedger, LedgerImportError, type LedgerProgress } from '@/lib/ledger/service';
import { segmentPageTag } from '@/lib/segments/queries';

/** Uploads larger than this are refused before reading (10,000 rows of a 台账 are ~1 MB). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const plain = (text: string, status: number) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * POST /staff/master/import/{kind} with a multipart `file` and `mode` = dryrun | import. Answers with
 * NDJSON lines as it goes: {type:'progress', phase, done, total} …, then one {type:'result', …}.
 * `import` runs the dry run again and writes only if it is clean, all rows in one transaction.
 */
export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const staff = await staffOrResponse(['admin']);
  if (staff instanceof Response) return staff;
  const { kind } = await params;
  if (!LEDGER_KINDS.includes(kind as LedgerKind)) return plain('没有这种台账：应为 segments、chiefs 或 merchants。', 404);
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return plain('文件太大：台账文件不能超过 20 MB。', 413);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return plain('请用表单上传一个 .xlsx 文件（字段名 file）。', 400);
  }
  const file = form.get('file');
  const mode = form.get('mode') === 'import' ? 'import' : 'dryrun';
  if (!(file instanceof File) || file.size === 0) return plain('请选择要上传的 .xlsx 文件。', 400);
  if (file.size > MAX_UPLOAD_BYTES) return plain('文件太大：台账文件不能超过 20 MB。', 413);
  const bytes = Buffer.from(await file.arrayBuffer());
  const db = await getDb();
  const actor = { id: staff.id, label: staff.username };

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      const progress = (p: LedgerProgress) => send({ type: 'progress', ...p });
      try {
        const run = await dryRunLedger(db, kind as LedgerKind, bytes, progress);
        const report = {
          rowCount: run.rowCount,
          problemCount: run.problemCount,
          problems: run.problems.map((p) => ({ ...p, text: problemText(p) })),
          summary: run.summary,
        };
        if (mode === 'dryrun' || !run.ok) {
          if (mode === 'dryrun') await writeAudit(db, { actorUserId: actor.id, actorLabel: actor.label, action: 'ledger.dry_run', entityType: kind, detail: { file: file.name, rows: run.rowCount, problems: run.problemCount } });
          send({ type: 'result', mode, ok: run.ok, ...report });
        } else {
          const outcome = await applyLedger(db, run, actor, progress);
          for (const code of outcome.segmentCodes) revalidateTag(segmentPageTag(code), 'max');
          revalidatePath('/staff/signboards');
          send({ type: 'result', mode, ok: true, imported: outcome.created, ...report });
        }
      } catch (error) {
        const message = error instanceof LedgerImportError ? error.message : '导入失败：服务器出错，未写入任何数据。请稍后再试。';
        if (!(error instanceof LedgerImportError)) console.error('ledger import failed', error);
        send({ type: 'result', mode, ok: false, error: message, rowCount: 0, problemCount: 0, problems: [], summary: [] });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
}
