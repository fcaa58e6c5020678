/**
 * 随手拍 submission: one citizen report becomes one case, with its photos and its first timeline event,
 * in one transaction — or nothing at all, with a Chinese sentence saying why. Used by the no-JS server
 * action, the upload API the enhanced form calls, and (through its own adapter) Open311.
 *
 * Order matters: cheap checks first (fields, honeypot, an attempt budget per IP, the proof of work),
 * then the CPU-heavy photo pipeline, then one transaction that claims the idempotency key, counts the
 * report against the per-IP and per-device limits, and writes everything.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { caseEvents, caseMedia, cases } from '../db/schema';
import { OPEN_STATUSES } from '../domain/inbox-query';
import { OPEN311_DESCRIPTION_MAX } from '../domain/open311';
import { DUPLICATE_WINDOW_HOURS, parseReportFields, type FieldErrors, type ReportFields } from '../domain/report';
import { getSettings } from '../settings/queries';
import { processReportPhoto, readPhotoGps, storeReportPhoto, type ProcessedPhoto } from '../media/pipeline';
import { hitRateLimit, rateLimitMessage, type RateLimitResult } from '../abuse/rate-limit';
import { verifyPow } from '../abuse/pow';
import { runIdempotent, storedAnswer, validIdempotencyKey } from '../abuse/idempotency';
import { allocateCaseNumber } from '../cases/numbering';
import { categoryForReport, defaultDistrictId, nearestSegment, segmentForReport } from './queries';

export interface ReportPhotoInput {
  name: string;
  data: Buffer;
}

export interface ReportSubmission {
  /** The text fields as posted (see REPORT_FIELDS). */
  fields: Record<string, string | undefined>;
  photos: ReportPhotoInput[];
  /** Read the location out of the photos (the reporter left 使用照片位置 ticked). */
  photoLocation: boolean;
  /** The first bytes of the originals (the browser sends them when it shrank the photos), for their GPS. */
  photoHeads?: Buffer[];
  honeypot: string;
  idempotencyKey: string | null | undefined;
  /** The proof-of-work payload; absent when the browser ran no script. */
  pow: string | null | undefined;
  /** The page's script ran (it sets this); a report that claims so must carry a proof of work. */
  js: boolean;
  ip: string;
  /** HMAC of the device cookie, or null on a first visit. */
  deviceHash: string | null;
  source?: 'citizen' | 'open311';
  /**
   * An API client that proved itself with its api_key (Open311): the key's hourly limit replaces the per-IP
   * attempt budget, the proof of work and the per-IP/per-device report limits, and photos are optional.
   */
  trustedClient?: { keyId: number; name: string; ratePerHour: number };
  now?: Date;
}

export interface Receipt {
  number: string;
  lookupCode: string;
  segmentCode: string | null;
  segmentName: string | null;
  categoryName: string;
  /** An open case on the same segment and category in the last 24 h: shown as 类似问题已在处理中. */
  similar: { number: string } | null;
}

export type SubmitResult =
  | { ok: true; receipt: Receipt; replayed: boolean }
  | { ok: false; status: 400 | 409 | 413 | 422 | 429; message: string; errors: FieldErrors };

const GENERIC_REFUSAL = '提交没有成功，请刷新页面后重试。';
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** Attempts (not reports) per IP before the photo pipeline runs: keeps a flood from costing CPU. */
const ATTEMPTS_PER_10_MINUTES = 30;

class Refused extends Error {
  constructor(readonly result: Extract<SubmitResult, { ok: false }>) {
    super(result.message);
  }
}

function refuse(status: Extract<SubmitResult, { ok: false }>['status'], message: string, errors: FieldErrors = {}): Extract<SubmitResult, { ok: false }> {
  return { ok: false, status, message, errors };
}

/** What identifies "the same request": the fields as understood and the exact photo bytes. */
function requestHash(fields: ReportFields, photos: ReportPhotoInput[]): string {
  const h = createHash('sha256').update(JSON.stringify(fields));
  for (const p of photos) h.update(createHash('sha256').update(p.data).digest());
  return h.digest('hex');
}

const MISMATCH = '这次提交的编号已用于另一份内容，请刷新页面后重新提交。';

export async function submitReport(db: Db, input: ReportSubmission): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  if (input.honeypot.trim() !== '') return refuse(400, GENERIC_REFUSAL);
  if (!validIdempotencyKey(input.idempotencyKey)) return refuse(400, '页面已过期，请刷新页面后重新提交（已填写的内容会保留）。');
  const key = input.idempotencyKey;

  const settings = await getSettings(db, ['report.rateLimitPer10Minutes', 'report.rateLimitPerDay', 'report.maxPhotos', 'report.maxPhotoBytes', 'report.maxPhotoPixels', 'report.noScriptPerHour']);

  // 1. The text fields, the photo count, and that the segment and category exist.
  // An Open311 client may send the spec's 4,000 characters of description; the form stays at 500.
  const parsed = parseReportFields(input.fields, input.trustedClient ? { descriptionMax: OPEN311_DESCRIPTION_MAX } : {});
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (input.photos.length === 0 && !input.trustedClient) errors.photos = '请至少拍 1 张照片。';
  else if (input.photos.length > settings['report.maxPhotos'])
    errors.photos = `最多上传 ${settings['report.maxPhotos']} 张照片，这次选了 ${input.photos.length} 张，请删去 ${input.photos.length - settings['report.maxPhotos']} 张。`;
  const fields = parsed.ok ? parsed.fields : null;
  const segment = fields?.segment ? await segmentForReport(db, fields.segment) : null;
  if (fields?.segment && !segment) errors.segment = `找不到路段编号 ${fields.segment}，请从列表中重新选择路段。`;
  const category = fields ? await categoryForReport(db, fields.category) : null;
  if (fields && !category) errors.category = '问题类型无效，请重新选择。';
  if (!fields || !category || Object.keys(errors).length > 0) return refuse(422, '请按提示修改后再提交。', errors);

  // 2. A retry of a report that already went through gets its receipt back, before anything is spent again.
  const hash = requestHash(fields, input.photos);
  const stored = { scope: 'report', key, requestHash: hash, now };
  const earlier = await storedAnswer<Receipt>(db, stored);
  if (earlier?.kind === 'mismatch') return refuse(422, MISMATCH);
  if (earlier) return { ok: true, receipt: earlier.value, replayed: true };

  // 3. Abuse: an attempt budget per IP, then the proof of work (or, for a browser without script, a district-wide hourly budget).
  const client = input.trustedClient;
  if (client) {
    const budget = await hitRateLimit(db, `open311:key:${client.keyId}`, [{ windowSeconds: 3600, max: client.ratePerHour }], now);
    if (!budget.ok) return refuse(429, rateLimitMessage(budget, '通过接口提交'));
  } else {
    const attempts = await hitRateLimit(db, `report-attempt:ip:${input.ip}`, [{ windowSeconds: 600, max: ATTEMPTS_PER_10_MINUTES }], now);
    if (!attempts.ok) return refuse(429, rateLimitMessage(attempts, '提交'));
    if (input.js || (input.pow ?? '') !== '') {
      const pow = await verifyPow(db, input.pow, now);
      if (!pow.ok) {
        // A double tap whose twin already went through: wait for it and hand back the same receipt.
        if (pow.code === 'replayed') {
          for (let i = 0; i < 20; i++) {
            await new Promise((r) => setTimeout(r, 250));
            const twin = await storedAnswer<Receipt>(db, stored);
            if (twin?.kind === 'mismatch') return refuse(422, MISMATCH);
            if (twin) return { ok: true, receipt: twin.value, replayed: true };
          }
        }
        return refuse(400, pow.message);
      }
    } else {
      const budget = await hitRateLimit(db, 'report-noscript:all', [{ windowSeconds: 3600, max: settings['report.noScriptPerHour'] }], now);
      if (!budget.ok) return refuse(429, '当前通过无脚本方式提交的人数较多，请开启浏览器的 JavaScript 后重试，或稍后再试。');
    }

  }

  // 4. Photos: type from the bytes, bombs refused, rotated, stripped, resized.
  const processed: ProcessedPhoto[] = [];
  for (const photo of input.photos) {
    const result = await processReportPhoto(photo.data, {
      readLocation: input.photoLocation,
      name: photo.name,
      limits: { maxBytes: settings['report.maxPhotoBytes'], maxPixels: settings['report.maxPhotoPixels'] },
    });
    if (!result.ok) return refuse(result.code === 'too_large' ? 413 : 422, '请按提示修改后再提交。', { photos: result.message });
    processed.push(result.photo);
  }

  // 5. Where: the reporter's segment, else the nearest one to the photo's or the phone's location.
  let gps = processed.find((p) => p.gps)?.gps ?? null;
  if (!gps && input.photoLocation) {
    for (const head of input.photoHeads ?? []) if ((gps = await readPhotoGps(head))) break;
  }
  const location = gps ?? (fields.lat !== null && fields.lng !== null ? { lat: fields.lat, lng: fields.lng } : null);
  let place = segment;
  if (!place && location) {
    const near = await nearestSegment(db, location.lat, location.lng);
    place = near ? await segmentForReport(db, near.code) : null;
  }
  const districtId = place?.districtId ?? (await defaultDistrictId(db));

  // 6. One transaction: claim the key, count the report, write case + photos + first event.
  try {
    const result = await runIdempotent(db, { scope: 'report', key, requestHash: hash, ttlSeconds: IDEMPOTENCY_TTL_SECONDS }, async (tx): Promise<Receipt> => {
      const limits = [
        { windowSeconds: 600, max: settings['report.rateLimitPer10Minutes'] },
        { windowSeconds: 86_400, max: settings['report.rateLimitPerDay'] },
      ];
      const checks: RateLimitResult[] = client ? [] : [await hitRateLimit(tx, `report:ip:${input.ip}`, limits, now)];
      if (!client && input.deviceHash) checks.push(await hitRateLimit(tx, `report:device:${input.deviceHash}`, limits, now));
      const refused = checks.find((c) => !c.ok);
      if (refused && !refused.ok) throw new Refused(refuse(429, rateLimitMessage(refused, '提交随手拍')));

      const similar = place ? await openSimilarCase(tx, place.id, category.id, now) : null;
      const { number, lookupCode } = await allocateCaseNumber(tx, now);
      const [row] = await tx
        .insert(cases)
        .values({
          number,
          lookupCode,
          source: input.source ?? 'citizen',
          categoryId: category.id,
          face: category.face,
          description: fields.description,
          districtId,
          streetId: place?.streetId ?? null,
          segmentId: place?.id ?? null,
          address: fields.address || null,
          lat: location?.lat ?? null,
          lng: location?.lng ?? null,
          reporterName: fields.name || null,
          reporterPhone: fields.phone,
          reporterDeviceHash: input.deviceHash,
          duplicateOfId: similar?.id ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: cases.id });
      const caseId = row!.id;
      const [event] = await tx
        .insert(caseEvents)
        .values({
          caseId,
          action: 'submit',
          toStatus: 'submitted',
          actorLabel: input.source === 'open311' ? `Open311 接口${client ? `（${client.name}）` : ''}` : '市民随手拍',
          note: similar ? `系统提示：可能与 ${similar.number} 重复` : null,
          visibility: 'internal',
          at: now,
        })
        .returning({ id: caseEvents.id });
      for (const [i, photo] of processed.entries()) {
        const { largeId } = await storeReportPhoto(tx, photo);
        await tx.insert(caseMedia).values({ caseId, mediaId: largeId, eventId: event!.id, role: 'report', sortOrder: i });
      }
      return {
        number,
        lookupCode,
        segmentCode: place?.code ?? null,
        segmentName: place?.name ?? null,
        categoryName: category.name,
        similar: similar ? { number: similar.number } : null,
      };
    });
    if (result.kind === 'mismatch') return refuse(422, MISMATCH);
    return { ok: true, receipt: result.value, replayed: result.kind === 'replay' };
  } catch (e) {
    if (e instanceof Refused) return e.result;
    throw e;
  }
}

/** The oldest open, non-duplicate case on the same segment and category within the window. */
async function openSimilarCase(tx: Tx, segmentId: number, categoryId: number, now: Date) {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * 3600_000);
  const [row] = await tx
    .select({ id: cases.id, number: cases.number })
    .from(cases)
    .where(
      and(
        eq(cases.segmentId, segmentId),
        eq(cases.categoryId, categoryId),
        gte(cases.createdAt, since),
        inArray(cases.status, [...OPEN_STATUSES]),
        isNull(cases.duplicateOfId),
      ),
    )
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .limit(1);
  return row ?? null;
}
