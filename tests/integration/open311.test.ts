/**
 * Open311 GeoReport v2 against a real database: every answer's shape checked against the spec (zod schemas
 * of the spec's JSON, and the XML parsed back with fast-xml-parser), a report filed with a photo through
 * POST and followed through GET to closed by the case state machine, the public-only fields, and each bad
 * input of issue 9 answered with its own error and no record written.
 */
import sharp from 'sharp';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/lib/db/client';
import { apiKeys, auditLog, cases } from '@/lib/db/schema';
import { applyCaseAction, type ActionActor } from '@/lib/cases/transitions';
import { getPublicCasePhoto } from '@/lib/cases/public-case';
import { OPEN311_CONTENT_TYPE, type Open311Format } from '@/lib/domain/open311';
import { serialize, toResponse, type Open311Answer } from '@/lib/open311/format';
import { discovery, getRequest, getRequests, getServiceDefinition, getServices, postRequest } from '@/lib/open311/handlers';
import { issueApiKey, listApiKeys, revokeApiKey } from '@/lib/open311/keys';
import { demoActor } from '../fixtures/actors';
import { TEST_TODAY } from '../fixtures/seeded';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
let apiKey: string;
let photo: Buffer;
let segmentCode: string;
let dispatcher: ActionActor;
let chief: ActionActor;
let inspector: ActionActor;
const ctx = { baseUrl: 'https://luzhang.example.gov.cn' };
const admin = { id: null, label: 'test-admin' };

// ── The spec's shapes (GeoReport v2, JSON) ──────────────────────────────────
const w3c = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'W3C date-time with a timezone');
const errorsSchema = z.array(z.object({ code: z.number().int(), description: z.string().min(1) }).strict()).min(1);
const serviceSchema = z
  .object({
    service_code: z.string().min(1),
    service_name: z.string().min(1),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string().min(1),
  })
  .strict();
const attributeSchema = z
  .object({
    variable: z.boolean(),
    code: z.string().min(1),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean(),
    datatype_description: z.string().nullable(),
    order: z.number().int().positive(),
    description: z.string(),
    values: z.array(z.object({ key: z.string(), name: z.string() }).strict()),
  })
  .strict();
const definitionSchema = z.object({ service_code: z.string(), attributes: z.array(attributeSchema) }).strict();
const postAnswerSchema = z.array(z.object({ service_request_id: z.string().min(1), service_notice: z.string().nullable(), account_id: z.null() }).strict()).length(1);
const requestSchema = z
  .object({
    service_request_id: z.string().min(1),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable(),
    service_name: z.string().nullable(),
    service_code: z.string().nullable(),
    description: z.string().nullable(),
    agency_responsible: z.string().nullable(),
    service_notice: z.string().nullable(),
    requested_datetime: w3c,
    updated_datetime: w3c,
    expected_datetime: w3c.nullable(),
    address: z.string().nullable(),
    address_id: z.string().nullable(),
    zipcode: z.null(),
    lat: z.number().min(-90).max(90).nullable(),
    long: z.number().min(-180).max(180).nullable(),
    media_url: z.string().url().nullable(),
    // extensions (docs/open311.md)
    stage: z.enum(['submitted', 'accepted', 'in_progress', 'closed', 'rejected']),
    stage_label: z.string().min(1),
  })
  .strict();
const requestsSchema = z.array(requestSchema);
const discoverySchema = z
  .object({
    changeset: w3c,
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(z.object({ specification: z.string().url(), url: z.string().url(), changeset: w3c, type: z.enum(['production', 'test']), formats: z.array(z.string()).min(1) }).strict()).min(1),
  })
  .strict();

const LISTS = ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'];
const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: false, isArray: (name) => LISTS.includes(name) });

/** The answer as a client reads it: the HTTP response's status, content type and parsed body. */
async function wire(answer: Open311Answer) {
  const res = toResponse(answer);
  const text = await res.text();
  // JSON bodies go through the zod schemas; XML bodies are read as the parsed tree.
  const body = (answer.format === 'json' ? JSON.parse(text) : xml.parse(text)) as Record<string, unknown>;
  return { status: res.status, contentType: res.headers.get('content-type'), text, body };
}

const params = (q: Record<string, string> = {}) => new URLSearchParams(q);

async function post(q: Record<string, string>, over: { media?: Buffer[]; idem?: string; format?: Open311Format } = {}) {
  return postRequest(
    t.db,
    over.format ?? 'json',
    { params: params(q), media: (over.media ?? []).map((data, i) => ({ name: `p${i}.jpg`, data })), idempotencyHeader: over.idem ?? null, ip: '203.0.113.50' },
    ctx,
  );
}

async function caseCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases`);
  return row!.n;
}

const actorOf = (username: string) => demoActor(t.db, username);

beforeAll(async () => {
  t = await openTestDb();
  const issued = await issueApiKey(t.db, { actor: admin, name: '测试应用', ratePerHour: 1000 });
  if (!issued.ok) throw new Error(issued.message);
  apiKey = issued.key;
  photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 120, b: 160 } } }).jpeg().toBuffer();
  dispatcher = await actorOf('dispatcher');
  chief = await actorOf('chief');
  inspector = await actorOf('inspector');
  const [seg] = await queryRows<{ code: string }>(
    t.db,
    sql`select s.code from chief_assignments a join segments s on s.id = a.segment_id where a.chief_id = ${chief.chiefId} and a.ends_on is null and s.active order by s.id limit 1`,
  );
  segmentCode = seg!.code;
});
afterAll(() => t?.close());

describe('discovery, services and definitions', () => {
  it('discovery lists the GeoReport v2 endpoint with both formats, in JSON and XML', async () => {
    const j = await wire(discovery('json', ctx));
    expect(j.contentType).toBe('application/json; charset=utf-8');
    const d = discoverySchema.parse(j.body);
    expect(d.endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
    const x = await wire(discovery('xml', ctx));
    expect(x.contentType).toBe('text/xml; charset=utf-8');
    expect(x.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const endpoint = (x.body.discovery as { endpoints: { endpoint: { formats: { format: string[] }; url: string }[] } }).endpoints.endpoint[0]!;
    expect(endpoint.formats.format).toEqual(['text/xml', 'application/json']);
    expect(endpoint.url).toBe(`${ctx.baseUrl}/open311`);
  });

  it('services are the active 小类 with the 大类 as group and keywords; XML carries the same list', async () => {
    const j = await wire(await getServices(t.db, 'json', params(), ctx));
    const services = z.array(serviceSchema).min(1).parse(j.body);
    const [row] = await queryRows<{ code: string; name: string; parent: string }>(
      t.db,
      sql`select c.code, c.name, p.name as parent from categories c join categories p on p.id = c.parent_id where c.active and p.active order by c.code limit 1`,
    );
    expect(services.find((s) => s.service_code === row!.code)).toMatchObject({ service_name: row!.name, group: row!.parent });
    expect(services.every((s) => s.keywords.includes(s.group))).toBe(true);
    const x = await wire(await getServices(t.db, 'xml', params(), ctx));
    const xs = (x.body.services as { service: Record<string, string>[] }).service;
    expect(xs.map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));
    for (const s of xs) expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
  });

  it('a definition offers the segment as a list and the 三面 as information', async () => {
    const [cat] = await queryRows<{ code: string }>(t.db, sql`select code from categories where parent_id is not null and active and face = 'facade' order by code limit 1`);
    const j = await wire(await getServiceDefinition(t.db, 'json', cat!.code.toLowerCase(), params(), ctx));
    const def = definitionSchema.parse(j.body);
    expect(def.service_code).toBe(cat!.code);
    const segment = def.attributes.find((a) => a.code === 'segment')!;
    expect(segment).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false });
    expect(segment.values.map((v) => v.key)).toContain(segmentCode);
    expect(def.attributes.find((a) => a.code === 'face')).toMatchObject({ variable: false, description: expect.stringContaining('立面') });
    const x = await wire(await getServiceDefinition(t.db, 'xml', cat!.code, params(), ctx));
    const attrs = (x.body.service_definition as { attributes: { attribute: { code: string; values: { value?: { key: string }[] } | '' }[] } }).attributes.attribute;
    expect(attrs.map((a) => a.code)).toEqual(def.attributes.map((a) => a.code));
    expect((attrs[0]!.values as { value: { key: string }[] }).value.map((v) => v.key)).toEqual(segment.values.map((v) => v.key));
  });
});

describe('from POST to closed', () => {
  it('a report filed with a photo is followed through GET until it is closed, and the reporter never shows', async () => {
    const before = await caseCount();
    const posted = await wire(
      await post(
        { api_key: apiKey, jurisdiction_id: 'luzhang.example.gov.cn', service_code: 'S0201', 'attribute[segment]': segmentCode, description: '路灯杆上贴满小广告', first_name: '小明', last_name: '王', phone: '13800138000' },
        { media: [photo] },
      ),
    );
    expect(posted.status).toBe(201);
    const [receipt] = postAnswerSchema.parse(posted.body);
    const id = receipt!.service_request_id;
    expect(await caseCount()).toBe(before + 1);
    const [row] = await t.db.select().from(cases).where(eq(cases.number, id));
    expect(row).toMatchObject({ source: 'open311', reporterName: '王小明', reporterPhone: '13800138000' });
    expect(receipt!.service_notice).toContain(row!.lookupCode);

    const open = requestsSchema.parse((await wire(await getRequest(t.db, 'json', id, params(), ctx))).body);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ service_request_id: id, status: 'open', stage: 'submitted', service_code: 'S0201', address_id: segmentCode, description: null, media_url: null });
    const text = (await wire(await getRequests(t.db, 'json', params({ service_request_id: id }), ctx))).text;
    for (const secret of ['13800138000', '小明', row!.lookupCode]) expect(text).not.toContain(secret);

    // The desk's loop through the state machine: 受理 → 派遣 → 处置 → 核查 → 结案.
    let version = row!.version;
    const step = async (actor: ActionActor, action: Parameters<typeof applyCaseAction>[1]['action'], input: Parameters<typeof applyCaseAction>[1]['input'] = {}) => {
      const r = await applyCaseAction(t.db, { caseId: row!.id, expectedVersion: version, actor, action, input });
      if (!r.ok) throw new Error(`${action}: ${r.message}`);
      version = r.version;
    };
    await step(dispatcher, 'accept');
    await step(dispatcher, 'dispatch', { assignee: { chiefId: chief.chiefId! } });
    const dispatched = requestsSchema.parse((await wire(await getRequest(t.db, 'json', id, params(), ctx))).body)[0]!;
    expect(dispatched).toMatchObject({ status: 'open', stage: 'in_progress', agency_responsible: expect.stringContaining('路长') });
    await step(chief, 'report_result', { note: '已清理', photos: { after: [{ name: 'a.jpg', data: photo }] } });
    await step(inspector, 'verify_pass', { note: '核查合格' });

    const closed = await wire(await getRequest(t.db, 'xml', id, params(), ctx));
    expect(closed.contentType).toBe(OPEN311_CONTENT_TYPE.xml);
    const r = (closed.body.service_requests as { request: Record<string, string>[] }).request[0]!;
    expect(r).toMatchObject({ service_request_id: id, status: 'closed', stage: 'closed', stage_label: '已核查结案' });
    const [done] = await t.db.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, row!.id));
    expect(new Date(r.updated_datetime!).getTime()).toBe(Math.floor(done!.closedAt!.getTime() / 1000) * 1000);
    const listed = requestsSchema.parse((await wire(await getRequests(t.db, 'json', params({ status: 'closed' }), ctx))).body);
    expect(listed.map((x) => x.service_request_id)).toContain(id);
    expect(listed.every((x) => x.status === 'closed')).toBe(true);
  });

  it("description, typed address and location show only once staff mark the case public, the reporter's photo never; XML escapes what it must", async () => {
    const description = '井盖 & 护栏 <3> 都坏了 “急” \'快\'';
    const posted = postAnswerSchema.parse((await wire(await post({ api_key: apiKey, service_code: 'S0201', lat: '30.5', long: '114.3', address_string: '中山路 12 号 & 旁边', description }, { media: [photo] }))).body);
    const id = posted[0]!.service_request_id;
    const hidden = requestsSchema.parse((await wire(await getRequest(t.db, 'json', id, params(), ctx))).body)[0]!;
    expect(hidden).toMatchObject({ description: null, media_url: null });
    expect(hidden).toMatchObject({ zipcode: null, lat: null, long: null });
    expect(hidden.address ?? '').not.toContain('中山路 12 号');

    await t.db.update(cases).set({ isPublic: true }).where(eq(cases.number, id));
    const shown = requestsSchema.parse((await wire(await getRequest(t.db, 'json', id, params(), ctx))).body)[0]!;
    expect(shown).toMatchObject({ description, lat: 30.5, long: 114.3, address: expect.stringContaining('中山路 12 号 & 旁边') });
    // Public photos are 处置后 photos (tests/integration/public-case.test.ts); this case has only the reporter's.
    expect(shown.media_url).toBeNull();
    const [reportPhoto] = await queryRows<{ media_id: number }>(t.db, sql`select media_id from case_media m join cases c on c.id = m.case_id where c.number = ${id}`);
    expect(await getPublicCasePhoto(t.db, { number: id, mediaId: reportPhoto!.media_id })).toBeNull();

    const x = await wire(await getRequest(t.db, 'xml', id, params(), ctx));
    expect(x.text).toContain('井盖 &amp; 护栏 &lt;3&gt;');
    const back = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'request' }).parse(x.text) as { service_requests: { request: { description: string }[] } };
    expect(back.service_requests.request[0]!.description).toBe(description);
  });

  it('a retry with the same Idempotency-Key gets the same request id and makes one case', async () => {
    const before = await caseCount();
    const q = { api_key: apiKey, service_code: 'S0201', address_id: segmentCode, description: '重试测试' };
    const a = await post(q, { idem: 'retry-key-0123456789' });
    const b = await post(q, { idem: 'retry-key-0123456789' });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(postAnswerSchema.parse(b.body)[0]!.service_request_id).toBe(postAnswerSchema.parse(a.body)[0]!.service_request_id);
    expect(await caseCount()).toBe(before + 1);
  });

  it('GET requests defaults to the last 90 days, newest first, and filters by service_code', async () => {
    // The seeded district's cases run up to TEST_TODAY: the clock would leave its 90 days empty by February 2027.
    const now = TEST_TODAY;
    const all = requestsSchema.parse((await wire(await getRequests(t.db, 'json', params(), { ...ctx, now }))).body);
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(1000);
    const times = all.map((r) => new Date(r.requested_datetime).getTime());
    expect(times.every((x) => x >= now.getTime() - 90 * 86_400_000 - 1000)).toBe(true);
    expect([...times].sort((p, q) => q - p)).toEqual(times);
    const only = requestsSchema.parse((await wire(await getRequests(t.db, 'json', params({ service_code: 's0201' }), { ...ctx, now }))).body);
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((r) => r.service_code === 'S0201')).toBe(true);
  });
});

describe('bad input: one precise error each, 400/403/404, nothing written', () => {
  async function refused(answer: Promise<Open311Answer>, status: number, fragment: string) {
    const before = await caseCount();
    const a = await answer;
    for (const format of ['json', 'xml'] as const) {
      const w = await wire({ ...a, format });
      expect(w.status).toBe(status);
      expect(w.contentType).toBe(OPEN311_CONTENT_TYPE[format]);
      const errors = format === 'json' ? errorsSchema.parse(w.body) : (w.body.errors as { error: { code: string; description: string }[] }).error;
      expect(errors.map((e) => e.description).join(' ')).toContain(fragment);
      expect(errors.every((e) => Number(e.code) === status)).toBe(true);
    }
    expect(await caseCount()).toBe(before);
  }
  const valid = () => ({ api_key: apiKey, service_code: 'S0201', address_id: segmentCode });

  it('an unknown service_code', async () => {
    await refused(post({ ...valid(), service_code: 'S9999' }), 404, 'service_code “S9999” 不存在');
    await refused(getServiceDefinition(t.db, 'json', 'S9999', params(), ctx), 404, 'S9999');
    await refused(getRequests(t.db, 'json', params({ service_code: 'S0201,X1' }), ctx), 400, 'service_code “X1” 不存在');
  });
  it('no location, and half a location', async () => {
    await refused(post({ api_key: apiKey, service_code: 'S0201' }), 400, '缺少位置');
    await refused(post({ api_key: apiKey, service_code: 'S0201', lat: '30.5' }), 400, 'lat 与 long 须同时给出');
  });
  it('lat/long out of range or not numbers', async () => {
    await refused(post({ ...valid(), lat: '95', long: '114' }), 400, 'lat 超出范围');
    await refused(post({ ...valid(), lat: '30', long: '-181' }), 400, 'long 超出范围');
    await refused(post({ ...valid(), lat: 'abc', long: '114' }), 400, 'lat 必须是数字');
  });
  it('a date range over 90 days, a reversed range, malformed dates', async () => {
    await refused(getRequests(t.db, 'json', params({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }), ctx), 400, '超过了 90 天');
    await refused(getRequests(t.db, 'json', params({ start_date: '2026-06-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }), ctx), 400, 'start_date 晚于 end_date');
    await refused(getRequests(t.db, 'json', params({ start_date: '2026-11-01' }), ctx), 400, 'start_date 格式不正确');
    await refused(getRequests(t.db, 'json', params({ end_date: '2026-02-30T00:00:00+08:00' }), ctx), 400, 'end_date 格式不正确');
    await refused(getRequests(t.db, 'json', params({ status: 'pending' }), ctx), 400, 'status 只能是 open 或 closed');
  });
  it('a 5,000-character description', async () => {
    await refused(post({ ...valid(), description: '坏'.repeat(5000) }), 400, 'description 最多 4,000 个字');
    // The spec's 4,000 go through whole (the 随手拍 form's 500 is the form's limit, not the API's).
    const long = postAnswerSchema.parse((await wire(await post({ ...valid(), description: '长'.repeat(4000) }))).body);
    const [stored] = await t.db.select({ description: cases.description }).from(cases).where(eq(cases.number, long[0]!.service_request_id));
    expect([...stored!.description!].length).toBe(4000);
  });
  it('a missing, wrong or revoked api_key', async () => {
    await refused(post({ service_code: 'S0201', address_id: segmentCode }), 403, '缺少 api_key');
    await refused(post({ ...valid(), api_key: 'lz_not-a-real-key' }), 403, 'api_key 无效');
    const issued = await issueApiKey(t.db, { actor: admin, name: '将被吊销', ratePerHour: 10 });
    if (!issued.ok) throw new Error(issued.message);
    expect((await revokeApiKey(t.db, { actor: admin, id: issued.id })).ok).toBe(true);
    await refused(post({ ...valid(), api_key: issued.key }), 403, 'api_key 已被吊销');
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(issued.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['api_key.issue', 'api_key.revoke']);
    const [stored] = await t.db.select({ keyHash: apiKeys.keyHash }).from(apiKeys).where(eq(apiKeys.id, issued.id));
    expect(stored!.keyHash).not.toContain(issued.key);
    expect((await listApiKeys(t.db)).find((k) => k.id === issued.id)).toMatchObject({ prefix: issued.key.slice(0, 10), revokedAt: expect.any(Date) });
  });
  it('an unknown jurisdiction_id, on every method', async () => {
    const j = { jurisdiction_id: 'elsewhere.gov.cn' };
    await refused(getServices(t.db, 'json', params(j), ctx), 404, 'jurisdiction_id “elsewhere.gov.cn” 不存在');
    await refused(getServiceDefinition(t.db, 'json', 'S0201', params(j), ctx), 404, 'elsewhere.gov.cn');
    await refused(getRequests(t.db, 'json', params(j), ctx), 404, 'elsewhere.gov.cn');
    await refused(getRequest(t.db, 'json', '20261101-0001', params(j), ctx), 404, 'elsewhere.gov.cn');
    await refused(post({ ...valid(), ...j }), 404, 'elsewhere.gov.cn');
  });
  it('an unknown service_request_id', async () => {
    await refused(getRequest(t.db, 'json', '19990101-0001', params(), ctx), 404, 'service_request_id “19990101-0001” 不存在');
  });
  it('a key over its hourly limit is refused with 429', async () => {
    const issued = await issueApiKey(t.db, { actor: admin, name: '限流测试', ratePerHour: 1 });
    if (!issued.ok) throw new Error(issued.message);
    expect((await post({ ...valid(), api_key: issued.key })).status).toBe(201);
    const second = await post({ ...valid(), api_key: issued.key });
    expect(second.status).toBe(429);
    expect(errorsSchema.parse(second.body)[0]!.description).toMatch(/\d/);
  });
  it('characters XML cannot carry are replaced, not sent', () => {
    const text = serialize('xml', 'errors', [{ code: 400, description: 'a\u0001b<c>' }]);
    expect(text).toContain('a\uFFFDb&lt;c&gt;');
  });
});
