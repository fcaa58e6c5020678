/**
 * next-auth (v4) for staff: a credentials provider over lib/auth/service, JWT sessions that carry only
 * the user id (roles and scope are read from Postgres on every request, so a change or a deactivation
 * takes effect at once), and the sign-in page at /staff/login.
 */
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db';
import { env } from '../env';
import { serverSecret } from './secret';
import { verifyStaffLogin } from './service';

export const SESSION_HOURS = 12;

let cached: Promise<NextAuthOptions> | undefined;

export function authOptions(): Promise<NextAuthOptions> {
  cached ??= getDb()
    .then(serverSecret)
    .then(
      (secret): NextAuthOptions => ({
        secret,
        session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
        pages: { signIn: '/staff/login' },
        providers: [
          CredentialsProvider({
            name: '账号密码',
            credentials: { username: { label: '用户名', type: 'text' }, password: { label: '密码', type: 'password' } },
            async authorize(credentials, req) {
              const forwarded = req?.headers?.['x-forwarded-for'];
              const ip = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() ?? null;
              const result = await verifyStaffLogin(await getDb(), {
                username: String(credentials?.username ?? ''),
                password: String(credentials?.password ?? ''),
                demoMode: env().demoMode,
                ip,
              });
              // next-auth turns a thrown error's message into ?error=… on the sign-in page.
              if (!result.ok) throw new Error(result.error);
              return { id: String(result.staff.id), name: result.staff.displayName };
            },
          }),
        ],
        callbacks: {
          jwt: ({ token, user }) => (user ? { ...token, staffId: Number(user.id) } : token),
          session: ({ session, token }) => ({ ...session, staffId: token.staffId as number }),
        },
      }),
    )
    .catch((error) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
