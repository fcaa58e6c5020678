/**
 * next-auth (v4) for staff: a credentials provider over lib/auth/service, JWT sessions that carry the
 * user id and the id of a server-side session row (lib/auth/sessions: roles, scope and the session's
 * life are read from Postgres on every request, so sign-out, a change or a deactivation take effect at
 * once), and the sign-in page at /staff/login.
 */
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { clientIp } from '../abuse/client';
import { writeAudit } from '../audit/queries';
import { getDb } from '../db';
import { env } from '../env';
import { serverSecret } from './secret';
import { verifyStaffLogin } from './service';
import { createStaffSession, revokeStaffSession, SESSION_HOURS } from './sessions';

export { SESSION_HOURS } from './sessions';

let cached: Promise<NextAuthOptions> | undefined;

/** next-auth hands authorize() the request headers as a plain object. */
function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value) && typeof value[0] === 'string') headers.set(name, value[0]);
  }
  return headers;
}

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
              const headers = headersOf(req?.headers as Record<string, unknown> | undefined);
              const ip = clientIp(headers);
              const db = await getDb();
              const result = await verifyStaffLogin(db, {
                username: String(credentials?.username ?? ''),
                password: String(credentials?.password ?? ''),
                demoMode: env().demoMode,
                ip: ip === 'unknown' ? null : ip,
              });
              // next-auth turns a thrown error's message into ?error=… on the sign-in page.
              if (!result.ok) throw new Error(result.error);
              const session = await createStaffSession(db, { userId: result.staff.id, ip, userAgent: headers.get('user-agent') });
              return { id: String(result.staff.id), name: result.staff.displayName, username: result.staff.username, sessionId: session.id };
            },
          }),
        ],
        callbacks: {
          jwt: ({ token, user }) => {
            if (!user) return token;
            const { sessionId, username } = user as { sessionId?: string; username?: string };
            return { ...token, staffId: Number(user.id), username, sessionId };
          },
          session: ({ session, token }) => ({ ...session, staffId: token.staffId as number, sessionId: token.sessionId as string | undefined }),
        },
        events: {
          // Sign-out ends the server-side session, so a copied token is worthless afterwards.
          async signOut({ token }) {
            const sessionId = typeof token?.sessionId === 'string' ? token.sessionId : null;
            if (!sessionId) return;
            const db = await getDb();
            if (await revokeStaffSession(db, { sessionId })) {
              const staffId = typeof token.staffId === 'number' ? token.staffId : null;
              await writeAudit(db, { actorUserId: staffId, actorLabel: String(token.username ?? staffId ?? ''), action: 'auth.logout', entityType: 'staff_user', entityId: staffId ?? undefined });
            }
          },
        },
      }),
    )
    .catch((error) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
