/**
 * 点赞 from a public request: once per device and entry (the device cookie's hash), and a bounded number
 * per IP address an hour, both counted in Postgres.
 */
import 'server-only';
import { z } from 'zod';
import { hitRateLimit, rateLimitMessage } from '../abuse/rate-limit';
import type { Db } from '../db/client';
import { LIKE_MESSAGE, type LikeOutcome, type PublicationKind } from '../domain/publication';
import { requestIdentity } from '../public/request';
import { getSettings } from '../settings/queries';
import { likePublication } from './service';

export type LikeAnswer = { outcome: LikeOutcome; message: string; count?: number; kind?: PublicationKind; id?: number };

const ID = z.coerce.number().int().positive().max(2_147_483_647);

export async function likeFromRequest(db: Db, { rawId }: { rawId: string }): Promise<LikeAnswer> {
  const id = /^[1-9]\d{0,9}$/.test(rawId) ? ID.safeParse(rawId) : null;
  if (!id?.success) return { outcome: 'bad', message: LIKE_MESSAGE.bad };
  const { ip, deviceHash } = await requestIdentity(db, { countNewDevice: true });
  const { 'publication.likesPerHourPerIp': max } = await getSettings(db, ['publication.likesPerHourPerIp']);
  const limit = await hitRateLimit(db, `like:ip:${ip}`, [{ windowSeconds: 3600, max }]);
  if (!limit.ok) return { outcome: 'limited', message: rateLimitMessage(limit, '点赞'), id: id.data };
  const result = await likePublication(db, { id: id.data, deviceHash: deviceHash! });
  if (!result.ok) return { outcome: 'gone', message: result.message, id: id.data };
  const outcome = result.liked ? 'done' : 'again';
  return { outcome, message: LIKE_MESSAGE[outcome], count: result.count, kind: result.kind, id: id.data };
}
