/**
 * Open311 GeoReport v2 (docs/open311.md): what a client may send, the Chinese sentence for each mistake as
 * the spec's `{code, description}` errors, W3C date-times in China time, and how a case's status reads as
 * `open`/`closed` plus the public stage. Pure: no database, no framework.
 */
import { z } from 'zod';
import { CST_OFFSET_MS } from './calendar';
import { citizenStage, type CaseStatusCode, type CitizenStage } from './citizen-view';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];
export const OPEN311_CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};
export const OPEN311_SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';

/** The spec's default and cap for GET requests: 90 days, 1,000 requests. */
export const MAX_RANGE_DAYS = 90;
export const MAX_REQUESTS = 1000;
/** How many ids one `service_request_id` list may name. */
export const MAX_REQUEST_IDS = 1000;

export interface Open311Error {
  code: number;
  description: string;
}
export type Open311Status = 400 | 403 | 404 | 429;
export type Open311Refusal = { ok: false; status: Open311Status; errors: Open311Error[] };

export function refusal(status: Open311Status, ...descriptions: string[]): Open311Refusal {
  return { ok: false, status, errors: descriptions.map((description) => ({ code: status, description })) };
}

/** `name.json` / `name.xml` → the name and format; null for any other ending. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Open311Format } : null;
}

/** The format a bad URL is answered in: what it asked for when recognisable, else XML (the spec's required one). */
export function formatOf(file: string): Open311Format {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'xml';
}

/** An instant as W3C date-time in China time, e.g. 2026-11-23T11:15:30+08:00. */
export function w3cTime(at: Date): string {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** A W3C date-time with a timezone (Z or ±hh:mm), checked for a real calendar date; null otherwise. */
export function parseW3cTime(input: string): Date | null {
  const m = W3C.exec(input.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map((v) => (v === undefined ? undefined : v));
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return null;
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const t = Date.parse(input.trim());
  return Number.isFinite(t) ? new Date(t) : null;
}

/** Optional arguments: an empty parameter is the same as a missing one (spec, "Optional Arguments"). */
function given(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function list(v: string | null | undefined): string[] {
  return (given(v) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One jurisdiction per deployment: its id is the site's host name without `www.`. */
export function jurisdictionId(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).hostname.replace(/^www\./, '');
}

/** A missing jurisdiction_id is fine (one jurisdiction); a different one is 404. */
export function checkJurisdiction(raw: string | null | undefined, ours: string): Open311Refusal | null {
  const id = given(raw);
  if (id === null || id.toLowerCase() === ours.toLowerCase()) return null;
  return refusal(404, `jurisdiction_id “${id.slice(0, 100)}” 不存在：本接口只服务 ${ours}（也可不传 jurisdiction_id）。`);
}

// ── GET requests ─────────────────────────────────────────────────────────────

export type RequestQuery =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'filter'; serviceCodes: string[]; statuses: ('open' | 'closed')[]; start: Date; end: Date };

/** GET requests' arguments; `service_request_id` overrides all others, as the spec says. */
export function parseRequestQuery(params: { get(name: string): string | null }, now: Date): { ok: true; query: RequestQuery } | Open311Refusal {
  const ids = list(params.get('service_request_id'));
  if (ids.length > MAX_REQUEST_IDS) return refusal(400, `service_request_id 一次最多 ${MAX_REQUEST_IDS} 个，这次有 ${ids.length} 个。`);
  if (ids.length > 0) return { ok: true, query: { kind: 'ids', ids } };

  const errors: string[] = [];
  const statuses = list(params.get('status'));
  for (const s of statuses) if (s !== 'open' && s !== 'closed') errors.push(`status 只能是 open 或 closed（可用逗号同时给出两者），收到的是 “${s.slice(0, 40)}”。`);
  const serviceCodes = list(params.get('service_code')).map((c) => c.toUpperCase());
  const time = (name: 'start_date' | 'end_date'): Date | null | undefined => {
    const raw = given(params.get(name));
    if (raw === null) return null;
    const at = parseW3cTime(raw);
    if (!at) errors.push(`${name} 格式不正确：应为带时区的 W3C 时间，如 2026-11-01T00:00:00+08:00 或 2026-11-01T00:00:00Z，收到的是 “${raw.slice(0, 40)}”。`);
    return at ?? undefined;
  };
  const startArg = time('start_date');
  const endArg = time('end_date');
  if (errors.length > 0 || startArg === undefined || endArg === undefined) return { ok: false, status: 400, errors: errors.map((description) => ({ code: 400, description })) };
  const span = MAX_RANGE_DAYS * 86_400_000;
  const end = endArg ?? (startArg ? new Date(Math.min(startArg.getTime() + span, Math.max(now.getTime(), startArg.getTime()))) : now);
  const start = startArg ?? new Date(end.getTime() - span);
  if (start.getTime() > end.getTime()) return refusal(400, 'start_date 晚于 end_date，请交换两者。');
  if (end.getTime() - start.getTime() > span) {
    const days = Math.ceil((end.getTime() - start.getTime()) / 86_400_000);
    return refusal(400, `start_date 到 end_date 跨度为 ${days} 天，超过了 ${MAX_RANGE_DAYS} 天的上限，请分段查询。`);
  }
  return { ok: true, query: { kind: 'filter', serviceCodes, statuses: statuses as ('open' | 'closed')[], start, end } };
}

/** `open` until the case is finished (办结 or 未受理), as the spec's two statuses. */
export function open311Status(status: CaseStatusCode): 'open' | 'closed' {
  return status === 'closed' || status === 'rejected' ? 'closed' : 'open';
}

/** The back-office statuses a spec status covers, for the database filter. */
export function statusesFor(status: 'open' | 'closed'): CaseStatusCode[] {
  return status === 'closed' ? ['closed', 'rejected'] : ['submitted', 'accepted', 'dispatched', 'returned', 'handled'];
}

/**
 * The detailed public stage (extension fields `stage` and `stage_label`): the citizen view's stage, and the
 * step of the closed loop in words (受理 → 派遣 → 处置 → 核查 → 结案). A 退单 still reads as 处置中: the
 * public never learns who returned what.
 */
export function open311Stage(status: CaseStatusCode): { stage: CitizenStage; label: string } {
  const stage = citizenStage(status);
  const label: Record<CaseStatusCode, string> = {
    submitted: '待受理',
    accepted: '已受理，待派遣',
    dispatched: '已派遣，处置中',
    returned: '已派遣，处置中',
    handled: '已处置，待核查',
    closed: '已核查结案',
    rejected: '未受理',
  };
  return { stage, label: label[status] };
}

// ── POST requests ────────────────────────────────────────────────────────────

const coordinate = (name: 'lat' | 'long', min: number, max: number) =>
  z
    .string()
    .nullable()
    .transform((v, ctx) => {
      const t = given(v);
      if (t === null) return null;
      const n = Number(t);
      if (!/^[+-]?\d+(\.\d+)?$/.test(t) || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `${name} 必须是数字（WGS84 十进制度），收到的是 “${t.slice(0, 40)}”。` });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} 超出范围：应在 ${min} 到 ${max} 之间，收到的是 ${t.slice(0, 40)}。` });
        return z.NEVER;
      }
      return n;
    });

/** GeoReport v2: description is "free form text limited to 4,000 characters" (the 随手拍 form allows 500). */
export const OPEN311_DESCRIPTION_MAX = 4000;

const postSchema = z
  .object({
    service_code: z.string().nullable().transform((v) => given(v)?.toUpperCase() ?? null),
    lat: coordinate('lat', -90, 90),
    long: coordinate('long', -180, 180),
    address_string: z.string().nullable().transform(given),
    address_id: z.string().nullable().transform(given),
    segment: z.string().nullable().transform(given),
    description: z
      .string()
      .nullable()
      .transform((v) => given(v) ?? '')
      .refine((v) => [...v].length <= OPEN311_DESCRIPTION_MAX, {
        message: `description 最多 ${OPEN311_DESCRIPTION_MAX.toLocaleString('en')} 个字（GeoReport v2 的上限），请精简后再提交。`,
      }),
    first_name: z.string().nullable().transform(given),
    last_name: z.string().nullable().transform(given),
    phone: z.string().nullable().transform(given),
  })
  .superRefine((v, ctx) => {
    if (v.service_code === null) ctx.addIssue({ code: 'custom', path: ['service_code'], message: '缺少 service_code：请先用 GET services 取得问题类型编码。' });
    if ((v.lat === null) !== (v.long === null)) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat 与 long 须同时给出。' });
    if (v.lat === null && v.long === null && v.address_string === null && v.address_id === null && v.segment === null) {
      ctx.addIssue({ code: 'custom', path: ['location'], message: '缺少位置：请给出 lat 与 long、address_string、address_id（路段编号）或 attribute[segment] 之一。' });
    }
  });

export interface PostFields {
  serviceCode: string;
  lat: number | null;
  lng: number | null;
  addressString: string | null;
  /** The segment named by attribute[segment] or address_id (our address ids are segment codes). */
  segment: string | null;
  description: string;
  name: string | null;
  phone: string | null;
}

/** POST requests' text arguments; every mistake at once, each as its own error. */
export function parsePostFields(params: { get(name: string): string | null }): { ok: true; fields: PostFields } | Open311Refusal {
  const pick = (name: string) => params.get(name);
  const parsed = postSchema.safeParse({
    service_code: pick('service_code'),
    lat: pick('lat'),
    long: pick('long'),
    address_string: pick('address_string'),
    address_id: pick('address_id'),
    segment: pick('attribute[segment]'),
    description: pick('description'),
    first_name: pick('first_name'),
    last_name: pick('last_name'),
    phone: pick('phone'),
  });
  if (!parsed.success) return { ok: false, status: 400, errors: parsed.error.issues.map((i) => ({ code: 400, description: i.message })) };
  const v = parsed.data;
  const name = [v.last_name, v.first_name].filter(Boolean).join('') || null;
  return {
    ok: true,
    fields: {
      serviceCode: v.service_code!,
      lat: v.lat,
      lng: v.long,
      addressString: v.address_string,
      segment: v.segment ?? v.address_id,
      description: v.description,
      name,
      phone: v.phone,
    },
  };
}

/** The 随手拍 form's field names for what an Open311 client sent, so the one submission path validates it. */
export function reportFieldsFromPost(f: PostFields): Record<string, string | undefined> {
  return {
    category: f.serviceCode,
    segment: f.segment ?? undefined,
    description: f.description,
    address: f.addressString ?? undefined,
    lat: f.lat === null ? undefined : String(f.lat),
    lng: f.lng === null ? undefined : String(f.lng),
    name: f.name ?? undefined,
    phone: f.phone ?? undefined,
    // The client app collected the reporter's contact under its own terms (see docs/open311.md).
    consent: f.name || f.phone ? 'on' : undefined,
  };
}

/** The Open311 parameter a 随手拍 field error is about, for the error's description. */
export const OPEN311_PARAM_OF_FIELD: Record<string, string> = {
  category: 'service_code',
  segment: 'attribute[segment]',
  description: 'description',
  address: 'address_string',
  location: 'lat/long',
  name: 'first_name/last_name',
  phone: 'phone',
  consent: 'phone',
  photos: 'media',
};
