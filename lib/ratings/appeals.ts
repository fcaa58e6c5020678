/**
 * 门前三包 appeals (申诉): a merchant files one against a published black flag, identified by its 责任书编号 or
 * its 统一社会信用代码, with a statement and photos; an inspector upholds (the flag is revoked, the standing
 * recomputes on read) or rejects it. Every step is one transaction with its audit entry.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hitRateLimit, rateLimitMessage } from '../abuse/rate-limit';
import { derivedSecret, serverSecret } from '../auth/secret';
import type { Db, Tx } from '../db/client';
import { appealMedia, appeals, merchants, ratingPeriods, ratings, segments } from '../db/schema';
import { agreementCode, normalizeAgreementCode } from '../domain/agreement-code';
import { cstDateLabel } from '../domain/calendar';
import { normalizeCreditCode } from '../domain/credit-code';
import { monthLabel } from '../domain/labels';
import { writeAudit } from '../audit/queries';
import { processReportPhoto, storeReportPhoto, type ProcessedPhoto } from '../media/pipeline';
import { readImageForDisplay, type ImageSize } from '../media/queries';
import { getSettings } from '../settings/queries';
import { reasonLabel } from '../domain/rating-grid';

const DAY_MS = 86_400_000;

/** The 责任书编号 of a merchant, for printing on its 责任书 and for staff who are asked for it. */
export async function merchantAgreementCode(db: Db | Tx, merchantCode: string): Promise<string> {
  return agreementCode(derivedSecret(await serverSecret(db), 'agreement-code'), merchantCode);
}

/** Staff look-up of a merchant's 责任书编号 (audited: it is what proves a merchant's identity); null for an unknown merchant. */
export async function lookupAgreementCode(db: Db, { merchantCode, actor }: { merchantCode: string; actor: { id: number; label: string } }) {
  const [m] = await db.select({ id: merchants.id, code: merchants.code, name: merchants.name }).from(merchants).where(eq(merchants.code, merchantCode));
  if (!m) return null;
  await writeAudit(db, { actorUserId: actor.id, actorLabel: actor.label, action: 'merchant.agreement_code.view', entityType: 'merchant', entityId: m.id });
  return { code: m.code, name: m.name, agreementCode: await merchantAgreementCode(db, m.code) };
}

export const APPEAL_STATUS_LABEL = { pending: '待处理', upheld: '申诉成立，已撤销黑旗', rejected: '申诉不成立，维持黑旗' } as const;

export const appealInputSchema = z.object({
  ratingId: z.coerce.number({ message: '请选择要申诉的月份。' }).int('请选择要申诉的月份。').positive('请选择要申诉的月份。').max(2_147_483_647, '请选择要申诉的月份。'),
  identity: z.string().trim().min(1, '请填写责任书编号或统一社会信用代码。').max(40, '编号最长 40 个字符。'),
  statement: z.string().trim().min(10, '请说明申诉理由，至少 10 个字。').max(1000, '申诉理由最长 1000 字。'),
  contactName: z.string().trim().max(30, '联系人最长 30 个字。').optional(),
  contactPhone: z
    .string()
    .trim()
    .max(20, '联系电话最长 20 位。')
    .refine((v) => v === '' || /^[0-9+\- ]{5,20}$/.test(v), '联系电话只能是数字（可带区号和短横线）。')
    .optional(),
});

export type AppealField = 'ratingId' | 'identity' | 'statement' | 'contactName' | 'contactPhone' | 'photos';

export interface AppealSubmission {
  merchantCode: string;
  fields: Record<string, string | undefined>;
  photos: { data: Buffer; name?: string }[];
  ip: string;
  now?: Date;
}

export type AppealResult =
  | { ok: true; appealId: number; merchantCode: string; segmentCode: string }
  | {
      ok: false;
      error: 'invalid' | 'rate_limited' | 'not_found' | 'wrong_code' | 'not_appealable' | 'window_closed' | 'already_appealed';
      message: string;
      fields?: Partial<Record<AppealField, string>>;
    };

/** Files an appeal. Every attempt counts against the rate limits before the code is checked. */
export async function fileAppeal(db: Db, input: AppealSubmission): Promise<AppealResult> {
  const now = input.now ?? new Date();
  const parsed = appealInputSchema.safeParse(input.fields);
  const cfg = await getSettings(db, [
    'rating.appealWindowDays',
    'appeal.attemptsPer10MinutesPerIp',
    'appeal.attemptsPerMerchantPerDay',
    'report.maxPhotos',
    'report.maxPhotoBytes',
    'report.maxPhotoPixels',
  ]);
  if (!parsed.success) {
    const fields: Partial<Record<AppealField, string>> = {};
    for (const issue of parsed.error.issues) fields[issue.path[0] as AppealField] ??= issue.message;
    return { ok: false, error: 'invalid', message: '请按提示修改后再提交。', fields };
  }
  if (input.photos.length > cfg['report.maxPhotos']) {
    return { ok: false, error: 'invalid', message: '请按提示修改后再提交。', fields: { photos: `最多上传 ${cfg['report.maxPhotos']} 张照片。` } };
  }

  const limited = await hitRateLimit(db, `appeal:ip:${input.ip}`, [{ windowSeconds: 600, max: cfg['appeal.attemptsPer10MinutesPerIp'] }], now);
  if (!limited.ok) return { ok: false, error: 'rate_limited', message: rateLimitMessage(limited, '提交申诉') };
  const perMerchant = await hitRateLimit(db, `appeal:merchant:${input.merchantCode}`, [{ windowSeconds: 86_400, max: cfg['appeal.attemptsPerMerchantPerDay'] }], now);
  if (!perMerchant.ok) return { ok: false, error: 'rate_limited', message: rateLimitMessage(perMerchant, '本商户的申诉提交') };

  const [m] = await db
    .select({ id: merchants.id, code: merchants.code, creditCode: merchants.creditCode, segmentCode: segments.code })
    .from(merchants)
    .innerJoin(segments, eq(segments.id, merchants.segmentId))
    .where(and(eq(merchants.code, input.merchantCode), eq(merchants.active, true)));
  if (!m) return { ok: false, error: 'not_found', message: '没有这个商户编号，请核对责任牌上的二维码或编号。' };

  const identityError = await checkIdentity(db, m, parsed.data.identity);
  if (identityError) return { ok: false, error: 'wrong_code', message: identityError, fields: { identity: identityError } };

  const v = parsed.data;
  const processed: ProcessedPhoto[] = [];
  for (const [i, p] of input.photos.entries()) {
    const r = await processReportPhoto(p.data, {
      readLocation: false,
      limits: { maxBytes: cfg['report.maxPhotoBytes'], maxPixels: cfg['report.maxPhotoPixels'] },
      name: p.name ?? `第 ${i + 1} 张照片`,
    });
    if (!r.ok) return { ok: false, error: 'invalid', message: r.message, fields: { photos: r.message } };
    processed.push(r.photo);
  }

  return db.transaction(async (tx): Promise<AppealResult> => {
    const wrongMonth = (message: string): AppealResult => ({ ok: false, error: 'not_appealable', message, fields: { ratingId: message } });
    const [which] = await tx.select({ streetId: ratings.streetId, month: ratings.month, merchantId: ratings.merchantId }).from(ratings).where(eq(ratings.id, v.ratingId));
    if (!which || which.merchantId !== m.id) return wrongMonth('本商户没有这条评比记录，请从页面上的月份中选择。');
    // The month's lock, held (shared) to the end: an admin's unlock waits for this appeal and then sees it pending,
    // or has already committed and the month reads as not published.
    const [period] = await tx
      .select({ lockedAt: ratingPeriods.lockedAt })
      .from(ratingPeriods)
      .where(and(eq(ratingPeriods.streetId, which.streetId), eq(ratingPeriods.month, which.month)))
      .for('share');
    // Lock the flag so two appeals against it cannot both pass the "already appealed" check.
    const [r] = await tx
      .select({ id: ratings.id, month: ratings.month, flag: ratings.flag, revokedByAppealId: ratings.revokedByAppealId })
      .from(ratings)
      .where(eq(ratings.id, v.ratingId))
      .for('update');
    if (!r) return wrongMonth('本商户没有这条评比记录，请从页面上的月份中选择。');
    const lockedAt = period?.lockedAt ?? null;
    if (!lockedAt) return wrongMonth(`${monthLabel(r.month)}的评比尚未公布，公布后才能申诉。`);
    if (r.flag !== 'black') return wrongMonth(`${monthLabel(r.month)}不是黑旗，无需申诉。`);
    if (r.revokedByAppealId !== null) return wrongMonth(`${monthLabel(r.month)}的黑旗已因申诉撤销。`);
    const deadline = new Date(lockedAt.getTime() + cfg['rating.appealWindowDays'] * DAY_MS);
    if (now > deadline) {
      const message = `${monthLabel(r.month)}的评比于 ${cstDateLabel(lockedAt)} 公布，申诉期为公布后 ${cfg['rating.appealWindowDays']} 天，已于 ${cstDateLabel(deadline)} 截止。`;
      return { ok: false, error: 'window_closed', message, fields: { ratingId: message } };
    }
    const [earlier] = await tx.select({ status: appeals.status }).from(appeals).where(eq(appeals.ratingId, r.id)).limit(1);
    if (earlier) {
      const message = `${monthLabel(r.month)}的黑旗已提交过申诉（${APPEAL_STATUS_LABEL[earlier.status]}），每面黑旗只能申诉一次。`;
      return { ok: false, error: 'already_appealed', message, fields: { ratingId: message } };
    }
    const [appeal] = await tx
      .insert(appeals)
      .values({ ratingId: r.id, merchantId: m.id, statement: v.statement, contactName: v.contactName || null, contactPhone: v.contactPhone || null, createdAt: now })
      .returning({ id: appeals.id });
    for (const photo of processed) {
      const { largeId } = await storeReportPhoto(tx, photo);
      await tx.insert(appealMedia).values({ appealId: appeal!.id, mediaId: largeId }).onConflictDoNothing();
    }
    await writeAudit(tx, {
      actorUserId: null,
      actorLabel: `商户 ${m.code}`,
      action: 'appeal.file',
      entityType: 'appeal',
      entityId: appeal!.id,
      ip: input.ip,
      detail: { merchantCode: m.code, ratingId: r.id, month: r.month.slice(0, 7), photos: processed.length },
    });
    return { ok: true, appealId: appeal!.id, merchantCode: m.code, segmentCode: m.segmentCode };
  });
}

/** null when the typed code is this merchant's 责任书编号 or 统一社会信用代码; else the precise reason in Chinese. */
async function checkIdentity(db: Db, m: { code: string; creditCode: string | null }, typed: string): Promise<string | null> {
  const compact = typed.normalize('NFKC').replace(/[\s\-－—_]/g, '');
  if (compact.length === 18) {
    const credit = normalizeCreditCode(compact);
    if (!credit) return '统一社会信用代码有误：应为 18 位，最后一位校验码不符，请对照营业执照核对。';
    if (!m.creditCode) return '本商户登记时未填统一社会信用代码，请改用责任书上的 8 位责任书编号。';
    return credit === m.creditCode ? null : '统一社会信用代码与本商户登记的不一致，请对照营业执照核对，或改用责任书编号。';
  }
  const agreement = normalizeAgreementCode(typed);
  if (!agreement) return '请填写责任书上的 8 位责任书编号（如 AB3D-7KXM），或营业执照上的 18 位统一社会信用代码。';
  return agreement === (await merchantAgreementCode(db, m.code)) ? null : '责任书编号与本商户不符，请对照责任书核对（注意不要输错商户）。';
}

export type AppealDecision = 'upheld' | 'rejected';

export type DecideResult =
  | { ok: true; merchantCode: string; segmentCode: string }
  | { ok: false; error: 'invalid' | 'not_found' | 'already_decided' | 'forbidden'; message: string };

/**
 * An inspector decides a pending appeal. Upheld: the flag is revoked (kept for the record, counted as no flag).
 * Staff scoped to a street decide only that street's appeals.
 */
export async function decideAppeal(
  db: Db,
  input: {
    appealId: number;
    decision: AppealDecision;
    note: string;
    actor: { id: number; label: string; scopeType: string; scopeAreaId: number | null; ip?: string | null };
    now?: Date;
  },
): Promise<DecideResult> {
  const note = input.note.trim();
  if (note.length < 2) return { ok: false, error: 'invalid', message: '请填写处理意见（至少 2 个字），商户会在页面上看到。' };
  if (note.length > 500) return { ok: false, error: 'invalid', message: '处理意见最长 500 字。' };
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<DecideResult> => {
    const [a] = await tx
      .select({
        id: appeals.id,
        status: appeals.status,
        ratingId: appeals.ratingId,
        merchantCode: merchants.code,
        streetId: merchants.streetId,
        segmentCode: segments.code,
        month: ratings.month,
      })
      .from(appeals)
      .innerJoin(merchants, eq(merchants.id, appeals.merchantId))
      .innerJoin(segments, eq(segments.id, merchants.segmentId))
      .innerJoin(ratings, eq(ratings.id, appeals.ratingId))
      .where(eq(appeals.id, input.appealId))
      .for('update', { of: appeals });
    if (!a) return { ok: false, error: 'not_found', message: '没有这条申诉。' };
    if (input.actor.scopeType === 'street' && input.actor.scopeAreaId !== a.streetId) {
      return { ok: false, error: 'forbidden', message: '这条申诉不在你的管辖街镇内。' };
    }
    if (a.status !== 'pending') return { ok: false, error: 'already_decided', message: `这条申诉已处理（${APPEAL_STATUS_LABEL[a.status]}），请刷新页面。` };
    await tx
      .update(appeals)
      .set({ status: input.decision, decidedBy: input.actor.id, decidedAt: now, decisionNote: note })
      .where(and(eq(appeals.id, a.id), eq(appeals.status, 'pending')));
    if (input.decision === 'upheld') {
      await tx
        .update(ratings)
        .set({ revokedByAppealId: a.id, updatedAt: now })
        .where(and(eq(ratings.id, a.ratingId), isNull(ratings.revokedByAppealId)));
    }
    await writeAudit(tx, {
      actorUserId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.decision === 'upheld' ? 'appeal.uphold' : 'appeal.reject',
      entityType: 'appeal',
      entityId: a.id,
      ip: input.actor.ip ?? null,
      detail: { merchantCode: a.merchantCode, ratingId: a.ratingId, month: a.month.slice(0, 7), note },
    });
    return { ok: true, merchantCode: a.merchantCode, segmentCode: a.segmentCode };
  });
}

/** Appeals for the staff page: pending first (oldest first), then the latest decided. Street-scoped staff see their street. */
export async function listAppealsForStaff(db: Db, { streetId, limit = 100 }: { streetId?: number; limit?: number }) {
  const rows = await db
    .select({
      id: appeals.id,
      status: appeals.status,
      statement: appeals.statement,
      contactName: appeals.contactName,
      contactPhone: appeals.contactPhone,
      createdAt: appeals.createdAt,
      decidedAt: appeals.decidedAt,
      decisionNote: appeals.decisionNote,
      merchantCode: merchants.code,
      merchantName: merchants.name,
      month: ratings.month,
      reasons: ratings.reasons,
    })
    .from(appeals)
    .innerJoin(merchants, eq(merchants.id, appeals.merchantId))
    .innerJoin(ratings, eq(ratings.id, appeals.ratingId))
    .where(streetId === undefined ? undefined : eq(merchants.streetId, streetId))
    .orderBy(sql`${appeals.status} <> 'pending'`, sql`case when ${appeals.status} = 'pending' then ${appeals.createdAt} end asc`, desc(appeals.decidedAt))
    .limit(limit);
  const media = rows.length
    ? await db
        .select({ appealId: appealMedia.appealId, mediaId: appealMedia.mediaId })
        .from(appealMedia)
        .where(
          inArray(
            appealMedia.appealId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(appealMedia.mediaId))
    : [];
  return rows.map((r) => ({
    ...r,
    month: r.month.slice(0, 7),
    reasons: r.reasons.map(reasonLabel),
    mediaIds: media.filter((x) => x.appealId === r.id).map((x) => x.mediaId),
  }));
}

/** A photo of an appeal, only if it belongs to that appeal (and, for street-scoped staff, that street). */
export async function getAppealPhoto(db: Db, { appealId, mediaId, size, streetId }: { appealId: number; mediaId: number; size: ImageSize; streetId?: number }) {
  const [link] = await db
    .select({ mediaId: appealMedia.mediaId })
    .from(appealMedia)
    .innerJoin(appeals, eq(appeals.id, appealMedia.appealId))
    .innerJoin(merchants, eq(merchants.id, appeals.merchantId))
    .where(and(eq(appealMedia.appealId, appealId), eq(appealMedia.mediaId, mediaId), streetId === undefined ? undefined : eq(merchants.streetId, streetId)));
  return link ? readImageForDisplay(db, mediaId, size) : null;
}
