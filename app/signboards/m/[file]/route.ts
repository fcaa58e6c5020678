import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { getMerchantBoardFile } from '@/lib/signboards/merchant-board';

const FILE = /^([A-Za-z0-9][A-Za-z0-9-]{0,23})\.(png|svg|pdf)$/i;
const query = z.object({ download: z.literal('1').optional() });

function plain(status: number, message: string) {
  return new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** /signboards/m/{merchantCode}.png|.svg|.pdf[?download=1] — a merchant's 《市容环境卫生责任牌》. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = FILE.exec(file);
  if (!match) return plain(404, '没有这个商户的责任牌。请检查商户编号，例如 /signboards/m/QH-M00001.png');
  const code = match[1]!.toUpperCase();
  const format = match[2]!.toLowerCase() as 'png' | 'svg' | 'pdf';
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return plain(400, '参数有误：只支持 download=1');
  if (code !== match[1] || format !== match[2]) {
    const url = request.nextUrl.clone();
    url.pathname = `/signboards/m/${code}.${format}`;
    return NextResponse.redirect(url, 308);
  }
  const result = await getMerchantBoardFile(await getDb(), { code, format, ifNoneMatch: request.headers.get('if-none-match') });
  if (result.kind === 'missing') return plain(404, `没有编号为 ${code} 的在册商户`);
  // Revalidate every time: the URL stays the same when a chief or the hotline changes, the ETag does not.
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
