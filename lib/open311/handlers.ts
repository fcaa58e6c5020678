/**
 * The Open311 GeoReport v2 methods as plain functions (the route handlers under app/open311 only read the
 * request and write the answer): discovery, services, service definitions, POST/GET requests. POST goes
 * through submitReport — the same validation, photo pipeline and idempotency as /report — with the
 * api_key standing in for the proof of work.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { submitReport, type ReportPhotoInput } from '../reports/submit';
import { defaultDistrictId } from '../reports/queries';
import { validIdempotencyKey } from '../abuse/idempotency';
import { normalizeCaseNumber } from '../domain/case-number';
import {
  checkJurisdiction,
  jurisdictionId,
  OPEN311_CONTENT_TYPE,
  OPEN311_PARAM_OF_FIELD,
  OPEN311_SPEC_URL,
  parsePostFields,
  parseRequestQuery,
  refusal,
  reportFieldsFromPost,
  type Open311Format,
  type Open311Refusal,
} from '../domain/open311';
import { errorAnswer, type Open311Answer } from './format';
import { touchApiKey, verifyApiKey } from './keys';
import { findRequests, listServices, serviceDefinition, unknownServiceCodes } from './queries';

export interface Params {
  get(name: string): string | null;
}

export interface Open311Context {
  /** The site's public origin (PUBLIC_BASE_URL), without a trailing slash. */
  baseUrl: string;
  now?: Date;
}

const CHANGESET = '2026-11-23T00:00:00+08:00'; // when the endpoint's behaviour last changed

function refused(format: Open311Format, r: Open311Refusal): Open311Answer {
  return errorAnswer(format, r.status, r.errors);
}

export function discovery(format: Open311Format, ctx: Open311Context): Open311Answer {
  return {
    status: 200,
    format,
    root: 'discovery',
    body: {
      changeset: CHANGESET,
      contact: `${jurisdictionId(ctx.baseUrl)} 区城管局数字城管中心：接口文档见 ${ctx.baseUrl}/open311 与 docs/open311.md`,
      key_service: '提交问题（POST requests）需要 api_key：请向区城管局申请，由管理员在后台“API 密钥”页签发。',
      endpoints: [
        {
          specification: OPEN311_SPEC_URL,
          url: `${ctx.baseUrl}/open311`,
          changeset: CHANGESET,
          type: 'production',
          formats: [OPEN311_CONTENT_TYPE.xml.split(';')[0]!, OPEN311_CONTENT_TYPE.json.split(';')[0]!],
        },
      ],
    },
  };
}

export async function getServices(db: Db, format: Open311Format, params: Params, ctx: Open311Context): Promise<Open311Answer> {
  const j = checkJurisdiction(params.get('jurisdiction_id'), jurisdictionId(ctx.baseUrl));
  if (j) return refused(format, j);
  return { status: 200, format, root: 'services', body: await listServices(db) };
}

export async function getServiceDefinition(db: Db, format: Open311Format, code: string, params: Params, ctx: Open311Context): Promise<Open311Answer> {
  const j = checkJurisdiction(params.get('jurisdiction_id'), jurisdictionId(ctx.baseUrl));
  if (j) return refused(format, j);
  const wanted = code.trim().toUpperCase();
  const def = wanted.length <= 20 ? await serviceDefinition(db, wanted) : null;
  if (!def) return refused(format, refusal(404, `service_code “${code.slice(0, 40)}” 不存在：请用 GET services 取得可用的问题类型编码。`));
  return { status: 200, format, root: 'service_definition', body: def };
}

export async function getRequests(db: Db, format: Open311Format, params: Params, ctx: Open311Context): Promise<Open311Answer> {
  const j = checkJurisdiction(params.get('jurisdiction_id'), jurisdictionId(ctx.baseUrl));
  if (j) return refused(format, j);
  const parsed = parseRequestQuery(params, ctx.now ?? new Date());
  if (!parsed.ok) return refused(format, parsed);
  const query = parsed.query;
  if (query.kind === 'filter') {
    const unknown = await unknownServiceCodes(db, query.serviceCodes);
    if (unknown.length > 0) return refused(format, refusal(400, ...unknown.map((c) => `service_code “${c.slice(0, 40)}” 不存在：请用 GET services 取得可用的问题类型编码。`)));
  } else {
    query.ids = query.ids.map((id) => normalizeCaseNumber(id.slice(0, 40)) ?? id);
  }
  const districtId = query.kind === 'filter' ? await defaultDistrictId(db) : undefined;
  return { status: 200, format, root: 'service_requests', body: await findRequests(db, query, ctx.baseUrl, districtId) };
}

export async function getRequest(db: Db, format: Open311Format, id: string, params: Params, ctx: Open311Context): Promise<Open311Answer> {
  const j = checkJurisdiction(params.get('jurisdiction_id'), jurisdictionId(ctx.baseUrl));
  if (j) return refused(format, j);
  const number = id.length <= 40 ? normalizeCaseNumber(id) : null;
  const found = number ? await findRequests(db, { kind: 'ids', ids: [number] }, ctx.baseUrl) : [];
  if (found.length === 0) return refused(format, refusal(404, `service_request_id “${id.slice(0, 40)}” 不存在：编号形如 20261123-0042。`));
  return { status: 200, format, root: 'service_requests', body: found };
}

export interface PostInput {
  params: Params;
  /** The photos sent as multipart `media` parts (extension). */
  media: ReportPhotoInput[];
  /** The `Idempotency-Key` header (or the `idempotency_key` parameter, read from params). */
  idempotencyHeader?: string | null;
  ip: string;
}

export async function postRequest(db: Db, format: Open311Format, input: PostInput, ctx: Open311Context): Promise<Open311Answer> {
  const now = ctx.now ?? new Date();
  const { params } = input;
  const j = checkJurisdiction(params.get('jurisdiction_id'), jurisdictionId(ctx.baseUrl));
  if (j) return refused(format, j);
  const key = await verifyApiKey(db, params.get('api_key'), now);
  if (!key.ok) return refused(format, refusal(403, key.message));

  const parsed = parsePostFields(params);
  if (!parsed.ok) return refused(format, parsed);
  const fields = parsed.fields;
  if ((await unknownServiceCodes(db, [fields.serviceCode])).length > 0 || fields.serviceCode.length > 20) {
    return refused(format, refusal(404, `service_code “${fields.serviceCode.slice(0, 40)}” 不存在：请用 GET services 取得可用的问题类型编码。`));
  }

  // A client's key (header or parameter) names its retries; without one each POST is new. Keys of different
  // clients never meet: the stored key is a digest of the api key's id and the client's key.
  const clientKey = (input.idempotencyHeader ?? params.get('idempotency_key') ?? '').trim();
  if (clientKey !== '' && !validIdempotencyKey(clientKey)) {
    return refused(format, refusal(400, 'Idempotency-Key（或 idempotency_key）应为 16–100 个字母、数字、- 或 _。'));
  }
  const idempotencyKey = createHash('sha256').update(`open311:${key.id}:${clientKey || randomUUID()}`).digest('hex');

  const result = await submitReport(db, {
    fields: reportFieldsFromPost(fields),
    photos: input.media,
    photoLocation: false,
    honeypot: '',
    idempotencyKey,
    pow: null,
    js: false,
    ip: input.ip,
    deviceHash: null,
    source: 'open311',
    trustedClient: { keyId: key.id, name: key.name, ratePerHour: key.ratePerHour },
    now,
  });
  if (!result.ok) {
    const messages = Object.entries(result.errors).map(([field, message]) => `${OPEN311_PARAM_OF_FIELD[field] ?? field}：${message}`);
    if (result.status === 429) return errorAnswer(format, 429, [{ code: 429, description: result.message }]);
    return errorAnswer(format, 400, (messages.length > 0 ? messages : [result.message]).map((description) => ({ code: 400, description })));
  }
  await touchApiKey(db, key.id, now);
  const r = result.receipt;
  const notice = [
    `已收到，编号 ${r.number}，查询码 ${r.lookupCode}（市民凭两者在 ${ctx.baseUrl}/track 查进度）。`,
    r.segmentName ? `路段：${r.segmentName}。` : null,
    r.similar ? `类似问题已在处理中（${r.similar.number}）。` : null,
  ]
    .filter(Boolean)
    .join('');
  return {
    status: result.replayed ? 200 : 201,
    format,
    root: 'service_requests',
    body: [{ service_request_id: r.number, service_notice: notice, account_id: null }],
  };
}
