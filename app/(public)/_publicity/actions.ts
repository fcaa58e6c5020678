'use server';

import { revalidateTag } from 'next/cache';
import { z } from 'zod';
import { hitRateLimit, rateLimitMessage } from '@/lib/abuse/rate-limit';
import { getDb } from '@/lib/db';
import { requestIdentity } from '@/lib/public/request';
import { getSettings } from '@/lib/settings/queries';
import { publicationTag } from '@/lib/publications/queries';
import { likePublication } from '@/lib/publications/service';

export type LikeState = { ok: boolean; message: string; count?: number; liked?: boolean };

/** 点赞: once per device and entry (the device cookie's hash), and a bounded number per IP address an hour. */
export async function likeAction(_prev: LikeState | null, form: FormData): Promise<LikeState> {
  const id = z.coerce.number().int().positive().max(2_147_483_647).safeParse(form.get('id'));
  if (!id.success) return { ok: false, message: '参数有误，请刷新页面后重试。' };
  const db = await getDb();
  const { ip, deviceHash } = await requestIdentity(db, { countNewDevice: true });
  const { 'publication.likesPerHourPerIp': max } = await getSettings(db, ['publication.likesPerHourPerIp']);
  const limit = await hitRateLimit(db, `like:ip:${ip}`, [{ windowSeconds: 3600, max }]);
  if (!limit.ok) return { ok: false, message: rateLimitMessage(limit, '点赞') };
  const result = await likePublication(db, { id: id.data, deviceHash: deviceHash! });
  if (!result.ok) return { ok: false, message: result.message };
  if (result.liked) revalidateTag(publicationTag(id.data), 'max');
  return { ok: true, liked: result.liked, count: result.count, message: result.liked ? '已点赞，谢谢！' : '这台设备已经点过赞了。' };
}
