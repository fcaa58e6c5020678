import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { normalizeSegmentCode } from '@/lib/domain/segment-code';
import { BOARD_TEMPLATES } from '@/lib/domain/signboard';
import { getBoardFile } from '@/lib/signboards/service';

const FILE = /^(.{1,64})\.(png|svg|pdf)$/i;
const query = z.object({ template: z.enum(BOARD_TEMPLATES).default('landscape'), download: z.literal('1').optional() });

function plain(status: number, message: string) {
  return new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** /signboards/{code}.png|.svg|.pdf[?template=landscape|portrait][&download=1] — a segment's 路长公示牌. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = FILE.exec(file);
  const code = match ? normalizeSegmentCode(match[1]!) : null;
  if (!match || !code) return plain(404, '没有这个路段的公示牌。请检查路段编号，例如 QH-0001.png');
  const format = match[2]!.toLowerCase() as 'png' | 'svg' | 'pdf';
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return plain(400, '参数有误：template 只能是 landscape（横版街牌）或 portrait（竖版杆牌）');
  if (code !== match[1] || format !== match[2]) {
    const url = request.nextUrl.clone();
    url.pathname = `/signboards/${code}.${format}`;
    return NextResponse.redirect(url, 308);
  }
  const result = await getBoardFile(await getDb(), {
    code,
    template: parsed.data.template,
    format,
    ifNoneMatch: request.headers.get('if-none-match'),
  });
  if (result.kind === 'missing') return plain(404, `没有编号为 ${code} 的路段`);
  // Revalidate every time: the URL stays the same when a chief changes, the ETag does not.
  const headers = { etag: result.etag, 'cache-control': 'public, max-age=0, must-revalidate' };
  if (result.kind === 'not-modified') return new NextResponse(null, { status: 304, headers });
  return new NextResponse(new Uint8Array(result.body), {
    headers: {
      ...headers,
      'content-type': result.contentType,
      'content-disposition': `${parsed.data.download ? 'attachment' : 'inline'}; filename="${result.filename}"`,
      'x-content-type-options': 'nosniff',
    },
  });
}
