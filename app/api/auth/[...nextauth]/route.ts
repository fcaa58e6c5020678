import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

// next-auth v4's route-handler form, with options resolved per request (the secret may come from the database).
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const params = await context.params;
  return NextAuth(request as never, { params } as never, await authOptions());
}

export { handler as GET, handler as POST };
