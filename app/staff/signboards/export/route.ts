import { type NextRequest } from 'next/server';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/queries';
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { BOARD_TEMPLATES } from '@/lib/domain/signboard';
import { boardsZip } from '@/lib/signboards/export';

const query = z.object({ street: z.coerce.number().int().positive().optional(), template: z.enum(BOARD_TEMPLATES).default('landscape') });

/** GET /staff/signboards/export?street=ID&template=landscape — a ZIP of PDFs and PNG previews, streamed. */
export async function GET(request: NextRequest) {
  const staff = await staffOrResponse(['admin']);
  if (staff instanceof Response) return staff;
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return new Response('参数有误：street 应为街道编号，template 为 landscape 或 portrait', { status: 400 });
  const db = await getDb();
  const { count, stream } = await boardsZip(db, { streetId: parsed.data.street, template: parsed.data.template });
  await writeAudit(db, {
    actorUserId: staff.id,
    actorLabel: staff.username,
    action: 'signboard.export',
    detail: { streetId: parsed.data.street ?? null, template: parsed.data.template, boards: count },
  });
  const name = `signboards-${parsed.data.street ?? 'district'}-${parsed.data.template}.zip`;
  return new Response(stream, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${name}"`,
      'x-board-count': String(count),
      'cache-control': 'no-store',
    },
  });
}
