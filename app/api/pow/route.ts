/** GET /api/pow — a fresh signed proof-of-work challenge for the public forms: `{ challenge }`, never cached. */
import { createPowChallenge } from '@/lib/abuse/pow';
import { getDb } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const challenge = await createPowChallenge(await getDb());
    return Response.json({ challenge }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error('pow challenge failed', error);
    return Response.json({ message: '安全验证暂时不可用，请稍后再试。' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
