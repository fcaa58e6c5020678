/**
 * An independent GeoReport v2 conformance check: a black box that speaks only HTTP to an Open311 endpoint
 * and judges every answer against the GeoReport v2 spec (wiki.open311.org/GeoReport_v2, kept in
 * /work/shared/reference/open311-georeport-v2.md) and the Service Discovery page it requires
 * (wiki.open311.org/Service_Discovery). It was written from those pages alone, not from this server's
 * code, so it stands in for the third party that issue 9 asks for. Each check quotes the words it tests.
 *
 *   npx tsx scripts/open311-conformance.ts <base-url> --api-key K [--jurisdiction J]
 *       [--revoked-api-key K2] [--lat 30.58 --long 114.30] [--read-only]
 *
 * <base-url> is the endpoint, e.g. https://luzhang.example.gov.cn/open311 (discovery is <base-url>/discovery.xml).
 * Unless --read-only is given, it files a handful of test requests (their description says so) through
 * POST requests. Prints one PASS/FAIL/WARN/SKIP line per check; exits 1 when any check fails.
 * WARN is a "should"/"recommended" of the spec that is not met; SKIP is a check this server's data cannot
 * exercise (the reason is printed).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// ---- The checks ------------------------------------------------------------------------------------

/** Every check, in the order they are printed. `spec` quotes the words of the spec the check tests. */
export const CHECKS = [
  { id: 'discovery.json', title: '服务发现 discovery.json：全部字段、GeoReport v2 端点与格式', spec: 'Service Discovery: "Format must be both: xml, json" — "All fields are required."' },
  { id: 'discovery.xml', title: '服务发现 discovery.xml：根元素 discovery、全部字段', spec: 'Service Discovery: "Format must be both: xml, json" — "All fields are required."' },
  { id: 'discovery.same', title: '服务发现：JSON 与 XML 内容一致', spec: 'Service Discovery: "The JSON structure is meant to follow a programmatic mapping based on the XML structure"' },
  { id: 'services.json', title: '服务列表 services.json：数组、必填字段与类型、metadata、type', spec: 'GET Service List: metadata "Possible values: true, false"; type "Possible values: realtime, batch, blackbox"' },
  { id: 'services.xml', title: '服务列表 services.xml：<services><service>、必填字段与类型', spec: 'GET Service List, XML example <services><service>…' },
  { id: 'services.same', title: '服务列表：JSON 与 XML 一致，中文完好', spec: '"UTF-8 is required everywhere." JSON is "a programmatic mapping of the XML format"' },
  { id: 'definitions.json', title: '服务定义 services/{code}.json（metadata=true 的每个服务）：attribute 字段、datatype、order、values', spec: 'GET Service Definition: datatype "Options: string, number, datetime, text, singlevaluelist, multivaluelist"; order "Any positive integer not used for other attributes in the same service_code"' },
  { id: 'definitions.xml', title: '服务定义 services/{code}.xml：<service_definition><attributes><attribute>…<values><value>', spec: 'GET Service Definition, XML example' },
  { id: 'definitions.same', title: '服务定义：JSON 与 XML 一致', spec: 'JSON is "a programmatic mapping of the XML format"' },
  { id: 'definitions.unknown-404', title: '服务定义：不存在的 service_code → 404 与错误列表', spec: 'GET Service Definition errors: "404 - service_code or jurisdiction_id provided were not found"' },
  { id: 'post.api-key-missing-403', title: 'POST requests：缺少 api_key → 403 与错误列表', spec: 'Errors: "403 - Missing or Invalid API Key"' },
  { id: 'post.api-key-wrong-403', title: 'POST requests：错误的 api_key → 403 与错误列表', spec: 'Errors: "403 - Missing or Invalid API Key"' },
  { id: 'post.api-key-revoked-403', title: 'POST requests：已吊销的 api_key → 403（需 --revoked-api-key）', spec: 'Errors: "403 for errors because of wrong or missing api_key"' },
  { id: 'post.service-code-missing-400', title: 'POST requests：缺少 service_code → 400 与错误列表', spec: 'POST Service Request errors: "400 - service_code or jurisdiction_id was not provided"' },
  { id: 'post.service-code-unknown-404', title: 'POST requests：不存在的 service_code → 404 与错误列表', spec: 'POST Service Request errors: "404 - service_code or jurisdiction_id was not found"' },
  { id: 'post.location-missing-400', title: 'POST requests：没有任何位置参数 → 400 与错误列表', spec: 'location parameter: "A full location parameter must be submitted." HTTP "400 for any other error where the request can not be fulfilled"' },
  { id: 'post.lat-without-long-400', title: 'POST requests：只有 lat 没有 long → 400 与错误列表', spec: '"lat & long both need to be sent even though they are sent as two separate parameters."' },
  { id: 'post.required-attribute-missing-400', title: 'POST requests：缺少 required=true 的 attribute → 400', spec: 'attribute: "This is only required if the service_code requires a service definition with required fields"' },
  { id: 'post.attribute-value-not-in-list-400', title: 'POST requests：singlevaluelist 的值不在 values 中 → 400', spec: 'singlevaluelist: "A set of predefined values (specified in this response) where only one value may be selected"' },
  { id: 'post.created', title: 'POST requests.{json,xml}：application/x-www-form-urlencoded 提交成功，返回 service_request_id 或 token', spec: 'POST Service Request response: service_request_id "should not be returned if token is returned"; type realtime: "The service request ID will be returned immediately"' },
  { id: 'post.location-lat-long', title: 'POST requests：只用 lat & long 定位', spec: '"lat & long are required if no address_string or address_id is provided."' },
  { id: 'post.location-address-id', title: 'POST requests：只用 address_id 定位', spec: 'address_id: "This is required if no lat/long or address_string are provided."' },
  { id: 'post.location-address-string', title: 'POST requests：只用 address_string 定位', spec: 'address_string: "This is required if no lat/long or address_id are provided."' },
  { id: 'post.description-4000', title: 'POST requests：4,000 字的 description 被接受', spec: 'description: "This may contain line breaks, but not html or code. Otherwise, this is free form text limited to 4,000 characters."' },
  { id: 'post.utf-8-round-trip', title: 'POST requests：中文（含换行与扩展区汉字）按 UTF-8 收下，读回不变', spec: '"All text received by the service from the client will be assumed to be UTF-8 and must be decoded accordingly."' },
  { id: 'request.created-readable', title: '新建的请求可用 GET requests/{id} 读到：字段合规，service_code、service_name 与提交的一致', spec: 'GET Service Request: "Query the current status of an individual request"' },
  { id: 'requests.json', title: '请求列表 requests.json：必填字段、status 只为 open/closed、带时区的 W3C 时间、lat/long 为数值', spec: 'GET Service Requests response; "Timezone information (either Z meaning UTC, or an HH:MM offset from UTC) must be included."' },
  { id: 'requests.xml', title: '请求列表 requests.xml：<service_requests><request>、同上', spec: 'GET Service Requests, XML example <service_requests><request>…' },
  { id: 'requests.same', title: '请求列表：JSON 与 XML 一致', spec: 'JSON is "a programmatic mapping of the XML format"' },
  { id: 'requests.default-range', title: '请求列表：默认最近 90 天、至多 1000 条', spec: 'Response Volume: "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest."' },
  { id: 'requests.filter.service_request_id', title: '筛选 service_request_id（逗号分隔，优先于其他参数）', spec: 'service_request_id: "multiple service_request_id can be declared; comma delimited." "This overrides all other arguments."' },
  { id: 'requests.filter.service_code', title: '筛选 service_code（单个与逗号分隔多个）', spec: 'service_code: "can be declared multiple times, comma delimited"' },
  { id: 'requests.filter.status', title: '筛选 status=open / closed / open,closed', spec: 'status: "can be declared multiple times, comma delimited; Options: open, closed"' },
  { id: 'requests.filter.dates', title: '筛选 start_date / end_date（Z 与 ±HH:MM 两种写法）', spec: 'start_date/end_date: "requests which have a requested_datetime that matches a given range" "Must use w3 format"' },
  { id: 'requests.bad-date-400', title: '格式错误的 start_date → 400 与错误列表', spec: 'start_date: "Must use w3 format"; HTTP "400 for any other error where the request can not be fulfilled as expected"' },
  { id: 'optional-arguments.empty', title: '可选参数传空值与不传结果相同', spec: '"Optional" means that the response should be the same whether a parameter is passed and is empty or is not passed at all.' },
  { id: 'request.one', title: '单个请求 requests/{id}.{json,xml}：一条的列表，与列表中的相同', spec: 'GET Service Request, example <service_requests><request>…' },
  { id: 'request.unknown-404', title: '不存在的 service_request_id → 404 与错误列表', spec: '"The HTTP error codes should always be 404 for resources that don\'t exist"' },
  { id: 'jurisdiction', title: 'jurisdiction_id：给定的可用；未知的 404（或单一辖区时忽略）', spec: 'jurisdiction_id: "404 - jurisdiction_id provided was not found"; "Implementations can ignore this parameter … if the implementation only serves one jurisdiction."' },
  { id: 'media-url', title: 'media_url 是可访问的绝对 URL', spec: 'media_url: "A URL to media associated with the request, eg an image."' },
  { id: 'format.json-content-type', title: '全部 JSON 应答：Content-Type: application/json; charset=utf-8', spec: '"JSON: Content-Type: application/json; charset=utf-8"' },
  { id: 'format.xml-content-type', title: '全部 XML 应答：Content-Type: text/xml; charset=utf-8', spec: '"XML: Content-Type: text/xml; charset=utf-8" "XML for the API should be Content-Type: text/xml."' },
  { id: 'format.xml-declaration', title: '全部 XML 应答：合法 XML，以 encoding="UTF-8" 的声明开头，无命名空间', spec: '"the root element must be preceded with the XML declaration including the encoding="UTF-8" attribute." "schemaless and without a namespace declaration"' },
  { id: 'format.utf-8', title: '全部应答按 UTF-8 严格解码', spec: '"All text returned by the service … MUST be encoded as UTF-8."' },
  { id: 'fields.present', title: '规范未标 "May not be returned" 的字段都在应答中（可为空）', spec: 'Only status_notes, agency_responsible, service_notice, expected_datetime (GET) and service_notice, account_id (POST) are marked "May not be returned"; the XML and JSON examples show every other field, empty as <x></x> / null.' },
  { id: 'format.foreign-elements', title: '应答中没有规范以外的元素/字段（建议项）', spec: '"it is recommended that you adhere to the specification strictly and do not include foreign tags or namespaces"' },
] as const;

export type CheckId = (typeof CHECKS)[number]['id'];
export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: CheckId;
  title: string;
  spec: string;
  outcome: Outcome;
  /** Why it failed, warned or was skipped, and notes on what was tested. */
  details: string[];
}

export interface CreatedRequest {
  format: Format;
  serviceRequestId: string | null;
  serviceCode: string;
  description: string;
}

export interface ConformanceOptions {
  /** The endpoint, e.g. https://host/open311 (no trailing slash needed). */
  baseUrl: string;
  apiKey: string;
  jurisdiction?: string;
  /** A key that was issued and then revoked, for post.api-key-revoked-403. */
  revokedApiKey?: string;
  /** A point inside the jurisdiction, for post.location-lat-long when no request shows coordinates. */
  point?: { lat: number; long: number };
  /** Files no requests (all POST checks are skipped). */
  readOnly?: boolean;
  /** Called as each check finishes. */
  onResult?: (result: CheckResult) => void;
}

export interface ConformanceReport {
  results: CheckResult[];
  /** The requests this run filed (so a test can look at them elsewhere). */
  created: CreatedRequest[];
}

// ---- Spec vocabulary -------------------------------------------------------------------------------

type Format = 'json' | 'xml';
const FORMATS: readonly Format[] = ['json', 'xml'];
const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';
const SERVICE_TYPES = ['realtime', 'batch', 'blackbox'] as const;
const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
const STATUSES = ['open', 'closed'] as const;
const DAY = 86_400_000;

type Kind = 'text' | 'id' | 'bool' | 'int' | 'number' | 'datetime' | 'url' | readonly string[];
/** required: present and not empty; present: the element/key is there, empty allowed; optional: "May not be returned". */
type Presence = 'required' | 'present' | 'optional';
type FieldSpec = readonly [name: string, kind: Kind, presence: Presence];

const SERVICE_FIELDS: readonly FieldSpec[] = [
  ['service_code', 'id', 'required'],
  ['service_name', 'text', 'required'],
  ['description', 'text', 'present'],
  ['metadata', 'bool', 'required'],
  ['type', SERVICE_TYPES, 'required'],
  ['keywords', 'text', 'present'],
  ['group', 'text', 'present'],
];
const ATTRIBUTE_FIELDS: readonly FieldSpec[] = [
  ['variable', 'bool', 'required'],
  ['code', 'id', 'required'],
  ['datatype', DATATYPES, 'required'],
  ['required', 'bool', 'required'],
  ['datatype_description', 'text', 'present'],
  ['order', 'int', 'required'],
  ['description', 'text', 'present'],
];
const VALUE_FIELDS: readonly FieldSpec[] = [
  ['key', 'id', 'required'],
  ['name', 'text', 'required'],
];
/** GET Service Request(s): every field the spec does not mark "May not be returned" is returned (empty allowed). */
const REQUEST_FIELDS: readonly FieldSpec[] = [
  ['service_request_id', 'id', 'required'],
  ['status', STATUSES, 'required'],
  ['status_notes', 'text', 'optional'],
  ['service_name', 'text', 'required'],
  ['service_code', 'id', 'required'],
  ['description', 'text', 'present'],
  ['agency_responsible', 'text', 'optional'],
  ['service_notice', 'text', 'optional'],
  ['requested_datetime', 'datetime', 'required'],
  ['updated_datetime', 'datetime', 'present'],
  ['expected_datetime', 'datetime', 'optional'],
  ['address', 'text', 'present'],
  ['address_id', 'id', 'present'],
  ['zipcode', 'text', 'present'],
  ['lat', 'number', 'present'],
  ['long', 'number', 'present'],
  ['media_url', 'url', 'present'],
];
const CREATED_FIELDS: readonly FieldSpec[] = [
  ['service_request_id', 'id', 'optional'],
  ['token', 'id', 'optional'],
  ['service_notice', 'text', 'optional'],
  ['account_id', 'id', 'optional'],
];
const ERROR_FIELDS: readonly FieldSpec[] = [
  ['code', 'id', 'required'],
  ['description', 'text', 'required'],
];
const DISCOVERY_FIELDS: readonly FieldSpec[] = [
  ['changeset', 'text', 'required'],
  ['contact', 'text', 'required'],
  ['key_service', 'text', 'required'],
];
const ENDPOINT_FIELDS: readonly FieldSpec[] = [
  ['specification', 'text', 'required'],
  ['url', 'url', 'required'],
  ['changeset', 'text', 'required'],
  ['type', ['production', 'test'], 'required'],
];

/** W3C NOTE-datetime with a time, which is where a timezone designator goes; the spec makes the zone mandatory. */
const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/;

export function isW3cDateTimeWithZone(value: string): boolean {
  const m = W3C_DATETIME.exec(value);
  if (!m) return false;
  const [, , mo, d, h, mi, s, , zh, zm] = m.map((x) => (x === undefined ? undefined : x));
  const inRange = (v: string | undefined, max: number, min = 0) => v === undefined || (Number(v) >= min && Number(v) <= max);
  return inRange(mo, 12, 1) && inRange(d, 31, 1) && inRange(h, 23) && inRange(mi, 59) && inRange(s, 60) && inRange(zh, 14) && inRange(zm, 59) && Number.isFinite(Date.parse(value));
}

/** One instant written with a fixed UTC offset (minutes east), to the second: 2010-05-24T00:00:00-05:00. */
export function w3cWithOffset(ms: number, offsetMinutes: number): string {
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${shifted}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// ---- HTTP and parsing --------------------------------------------------------------------------------

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** The element's own text (its text nodes joined). */
  text: string;
}

interface Answer {
  label: string;
  format: Format;
  status: number;
  contentType: string;
  /** Strictly decoded UTF-8, or null when the bytes are not UTF-8. */
  text: string | null;
  json?: unknown;
  xml?: XNode;
  /** Why the body could not be parsed in its format. */
  parseError?: string;
}

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: false,
  processEntities: true,
  htmlEntities: false,
  commentPropName: '#comment',
});

type Ordered = Record<string, unknown>;

function toNode(entry: Ordered): XNode | null {
  const name = Object.keys(entry).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '#comment' || name.startsWith('?')) return null;
  const attrs = (entry[':@'] as Record<string, string> | undefined) ?? {};
  const node: XNode = { name, attrs, children: [], text: '' };
  for (const child of (entry[name] as Ordered[]) ?? []) {
    if ('#text' in child) node.text += String(child['#text']);
    else {
      const c = toNode(child);
      if (c) node.children.push(c);
    }
  }
  return node;
}

function parseXml(text: string): { root?: XNode; error?: string } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { error: `XML 不合法：${valid.err.msg}（第 ${valid.err.line} 行）` };
  const top = (xmlParser.parse(text) as Ordered[]).map(toNode).filter((n): n is XNode => n !== null);
  if (top.length !== 1) return { error: `XML 应只有一个根元素，实际 ${top.length} 个` };
  return { root: top[0] };
}

/** Requests one URL and records the answer for the format-wide checks. */
class Client {
  readonly answers: Answer[] = [];

  constructor(
    private readonly base: string,
    private readonly jurisdiction: string | undefined,
  ) {}

  /** A null parameter is left out (so a check can leave out the jurisdiction_id every other request carries). */
  url(resource: string, format: Format, params: Record<string, string | null> = {}): string {
    const url = new URL(`${this.base}/${resource}.${format}`);
    const all = this.jurisdiction !== undefined && !('jurisdiction_id' in params) ? { jurisdiction_id: this.jurisdiction, ...params } : params;
    for (const [k, v] of Object.entries(all)) if (v !== null) url.searchParams.set(k, v);
    return url.toString();
  }

  async get(resource: string, format: Format, params: Record<string, string | null> = {}): Promise<Answer> {
    const url = this.url(resource, format, params);
    return this.record(`GET ${url.slice(this.base.length)}`, format, await fetch(url, { signal: AbortSignal.timeout(120_000) }));
  }

  async post(format: Format, fields: [string, string][]): Promise<Answer> {
    const all: [string, string][] = this.jurisdiction !== undefined ? [['jurisdiction_id', this.jurisdiction], ...fields] : fields;
    const res = await fetch(`${this.base}/requests.${format}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(all).toString(),
      signal: AbortSignal.timeout(120_000),
    });
    const shown = fields.map(([k, v]) => (k === 'api_key' ? `${k}=…` : `${k}=${v.length > 24 ? `${v.slice(0, 24)}…` : v}`)).join('&');
    return this.record(`POST /requests.${format} ${shown}`, format, res);
  }

  private async record(label: string, format: Format, res: Response): Promise<Answer> {
    const bytes = new Uint8Array(await res.arrayBuffer());
    let text: string | null = null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      /* not UTF-8: format.utf-8 reports it */
    }
    const answer: Answer = { label, format, status: res.status, contentType: res.headers.get('content-type') ?? '', text };
    if (text === null) answer.parseError = '应答不是合法的 UTF-8';
    else if (format === 'json') {
      try {
        answer.json = JSON.parse(text);
      } catch (e) {
        answer.parseError = `JSON 无法解析：${(e as Error).message}`;
      }
    } else {
      const { root, error } = parseXml(text);
      if (root) answer.xml = root;
      else answer.parseError = error;
    }
    this.answers.push(answer);
    return answer;
  }
}

// ---- Reading resources in both formats into one shape -----------------------------------------------

/** A field as the spec's tables name it: null when empty or null, absent when not there at all. */
type Rec = Map<string, string | null>;

/** Collects what is wrong with one check. */
class Tally {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  readonly notes: string[] = [];
  skipped: string | null = null;

  fail(message: string): void {
    if (this.problems.length < 40) this.problems.push(message);
    else if (this.problems.length === 40) this.problems.push('……（更多问题从略）');
  }
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
  note(message: string): void {
    this.notes.push(message);
  }
  skip(reason: string): void {
    this.skipped = reason;
  }
  expect(condition: boolean, message: string): boolean {
    if (!condition) this.fail(message);
    return condition;
  }
}

/** Names the spec does not define, per resource: for format.foreign-elements. */
const foreign = new Map<string, Set<string>>();
function noteForeign(where: string, name: string): void {
  const set = foreign.get(where) ?? new Set<string>();
  set.add(name);
  foreign.set(where, set);
}

/** Fields the spec returns (empty allowed) that an answer left out, per resource, with how often: for fields.present. */
const missing = new Map<string, Map<string, number>>();
function noteMissing(where: string, name: string): void {
  const counts = missing.get(where) ?? new Map<string, number>();
  counts.set(name, (counts.get(name) ?? 0) + 1);
  missing.set(where, counts);
}

function jsonScalar(v: unknown): string | null | undefined {
  if (v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined; // an object or array where a value belongs
}

function checkValue(t: Tally, where: string, [name, kind, presence]: FieldSpec, value: string | null | undefined, raw: unknown, format: Format): void {
  if (value === undefined) {
    if (presence !== 'optional') t.fail(`${where}：缺少 ${name}`);
    return;
  }
  if (value === null) {
    if (presence === 'required') t.fail(`${where}：${name} 为空`);
    return;
  }
  const json = format === 'json';
  if (kind === 'bool') {
    if (json) t.expect(typeof raw === 'boolean', `${where}：${name} 应为 JSON 布尔值 true/false，实际 ${JSON.stringify(raw)}`);
    else t.expect(value === 'true' || value === 'false', `${where}：${name} 只能是 true 或 false，实际 "${value}"`);
  } else if (kind === 'int') {
    t.expect(/^[1-9]\d*$/.test(value) && (!json || typeof raw === 'number'), `${where}：${name} 应为正整数，实际 ${JSON.stringify(raw ?? value)}`);
  } else if (kind === 'number') {
    const n = Number(value);
    t.expect(Number.isFinite(n) && (!json || typeof raw === 'number'), `${where}：${name} 应为数值，实际 ${JSON.stringify(raw ?? value)}`);
    if (name === 'lat') t.expect(Math.abs(n) <= 90, `${where}：lat ${value} 超出 WGS84 范围`);
    if (name === 'long') t.expect(Math.abs(n) <= 180, `${where}：long ${value} 超出 WGS84 范围`);
  } else if (kind === 'datetime') {
    t.expect(isW3cDateTimeWithZone(value), `${where}：${name} "${value}" 不是带时区的 W3C 时间（如 2010-01-01T00:00:00Z）`);
  } else if (kind === 'url') {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      /* not absolute */
    }
    t.expect(ok, `${where}：${name} "${value}" 不是绝对的 http(s) URL`);
  } else if (kind === 'id' || kind === 'text') {
    if (json) t.expect(typeof raw === 'string' || (kind === 'id' && typeof raw === 'number'), `${where}：${name} 应为字符串，实际 ${JSON.stringify(raw)}`);
  } else {
    t.expect(kind.includes(value), `${where}：${name} "${value}" 不在规范的取值 ${kind.join('/')} 之中`);
  }
  if (value.includes('\uFFFD')) t.fail(`${where}：${name} 含替换字符 U+FFFD（编码损坏）`);
}

/** Reads one JSON object against its field list. */
function readJsonItem(t: Tally, where: string, resource: string, item: unknown, fields: readonly FieldSpec[], nested: readonly string[] = []): Rec {
  const rec: Rec = new Map();
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    t.fail(`${where}：应为 JSON 对象，实际 ${JSON.stringify(item)?.slice(0, 80)}`);
    return rec;
  }
  const obj = item as Record<string, unknown>;
  for (const spec of fields) {
    const raw = obj[spec[0]];
    const value = spec[0] in obj ? jsonScalar(raw) : undefined;
    if (!(spec[0] in obj) && spec[2] === 'present') noteMissing(`${resource}（JSON）`, spec[0]);
    else if (spec[0] in obj && value === undefined) t.fail(`${where}：${spec[0]} 应为单个值，实际 ${JSON.stringify(raw).slice(0, 80)}`);
    else checkValue(t, where, spec, value, raw, 'json');
    if (value !== undefined) rec.set(spec[0], value);
  }
  for (const key of Object.keys(obj)) if (!fields.some(([n]) => n === key) && !nested.includes(key)) noteForeign(`${resource}（JSON）`, key);
  return rec;
}

/** Reads one XML element against its field list: each field a child element holding only text. */
function readXmlItem(t: Tally, where: string, resource: string, node: XNode, fields: readonly FieldSpec[], nested: readonly string[] = []): Rec {
  const rec: Rec = new Map();
  for (const spec of fields) {
    const matches = node.children.filter((c) => c.name === spec[0]);
    if (matches.length > 1) t.fail(`${where}：<${spec[0]}> 出现了 ${matches.length} 次`);
    const el = matches[0];
    if (el && el.children.length > 0) t.fail(`${where}：<${spec[0]}> 应只含文本`);
    const value = el === undefined ? undefined : el.text.trim() === '' ? null : el.text.trim();
    if (value === undefined && spec[2] === 'present') noteMissing(`${resource}（XML）`, `<${spec[0]}>`);
    else checkValue(t, where, spec, value, undefined, 'xml');
    if (value !== undefined) rec.set(spec[0], value);
  }
  if (node.text.trim() !== '') t.fail(`${where}：<${node.name}> 中有多余的文本 "${node.text.trim().slice(0, 40)}"`);
  for (const c of node.children) if (!fields.some(([n]) => n === c.name) && !nested.includes(c.name)) noteForeign(`${resource}（XML）`, `<${c.name}>`);
  return rec;
}

/** A Spark-convention list: a JSON array, or an XML container whose children all carry the item name. */
function jsonList(t: Tally, where: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    t.fail(`${where}：应为 JSON 数组（Spark 约定），实际 ${JSON.stringify(value)?.slice(0, 80)}`);
    return [];
  }
  return value;
}

function xmlList(t: Tally, where: string, node: XNode | undefined, container: string, item: string): XNode[] {
  if (!node) return [];
  if (!t.expect(node.name === container, `${where}：根/容器元素应为 <${container}>，实际 <${node.name}>`)) return [];
  const wrong = node.children.filter((c) => c.name !== item);
  if (wrong.length > 0) t.fail(`${where}：<${container}> 中只应有 <${item}>，还有 ${[...new Set(wrong.map((c) => `<${c.name}>`))].join(' ')}`);
  if (node.text.trim() !== '') t.fail(`${where}：<${container}> 中有多余的文本`);
  return node.children.filter((c) => c.name === item);
}

function child(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The answer has the expected status and a parsed body, or the tally says why not. */
function answered(t: Tally, a: Answer, status: number | 'success'): boolean {
  const ok = status === 'success' ? a.status >= 200 && a.status < 300 : a.status === status;
  if (!ok) {
    t.fail(`${a.label} → HTTP ${a.status}，应为 ${status === 'success' ? '2xx' : status}${a.text ? `：${a.text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
    return false;
  }
  if (a.parseError) {
    t.fail(`${a.label}：${a.parseError}`);
    return false;
  }
  return true;
}

/** An error answer: the status, and a list of {code, description} in the answer's format. */
function expectErrors(t: Tally, a: Answer, status: number): void {
  if (!answered(t, a, status)) return;
  const items: Rec[] =
    a.format === 'json'
      ? jsonList(t, a.label, a.json).map((e, i) => readJsonItem(t, `${a.label} 错误[${i}]`, 'errors', e, ERROR_FIELDS))
      : xmlList(t, a.label, a.xml, 'errors', 'error').map((e, i) => readXmlItem(t, `${a.label} <error>[${i}]`, 'errors', e, ERROR_FIELDS));
  t.expect(items.length > 0, `${a.label}：错误列表为空`);
}

interface Service {
  code: string;
  name: string | null;
  metadata: boolean;
  type: string | null;
  rec: Rec;
}

function readServices(t: Tally, a: Answer): Service[] {
  const recs =
    a.format === 'json'
      ? jsonList(t, a.label, a.json).map((s, i) => readJsonItem(t, `service[${i}]`, 'services', s, SERVICE_FIELDS))
      : xmlList(t, a.label, a.xml, 'services', 'service').map((s, i) => readXmlItem(t, `<service>[${i}]`, 'services', s, SERVICE_FIELDS));
  return recs
    .filter((r) => typeof r.get('service_code') === 'string')
    .map((r) => ({ code: r.get('service_code')!, name: r.get('service_name') ?? null, metadata: r.get('metadata') === 'true', type: r.get('type') ?? null, rec: r }));
}

interface Attribute {
  rec: Rec;
  values: Rec[];
}
interface Definition {
  code: string | null;
  attributes: Attribute[];
}

function readDefinition(t: Tally, a: Answer): Definition | null {
  const where = a.label;
  if (a.format === 'json') {
    const obj = a.json;
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      t.fail(`${where}：服务定义应为 JSON 对象（示例 {"service_code":…, "attributes":[…]}）`);
      return null;
    }
    const o = obj as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== 'service_code' && k !== 'attributes') noteForeign('service_definition（JSON）', k);
    const attributes = jsonList(t, `${where} attributes`, o.attributes).map((raw, i) => {
      const rec = readJsonItem(t, `${where} attribute[${i}]`, 'attribute', raw, ATTRIBUTE_FIELDS, ['values']);
      const v = (raw as Record<string, unknown> | null)?.values;
      const values = v === undefined || v === null ? [] : jsonList(t, `${where} attribute[${i}].values`, v).map((x, j) => readJsonItem(t, `${where} attribute[${i}].values[${j}]`, 'value', x, VALUE_FIELDS));
      return { rec, values };
    });
    return { code: jsonScalar(o.service_code) ?? null, attributes };
  }
  const root = a.xml!;
  if (!t.expect(root.name === 'service_definition', `${where}：根元素应为 <service_definition>，实际 <${root.name}>`)) return null;
  for (const c of root.children) if (c.name !== 'service_code' && c.name !== 'attributes') noteForeign('service_definition（XML）', `<${c.name}>`);
  const codeEl = child(root, 'service_code');
  const attrs = child(root, 'attributes');
  t.expect(attrs !== undefined, `${where}：缺少 <attributes>`);
  const attributes = xmlList(t, where, attrs, 'attributes', 'attribute').map((node, i) => {
    const rec = readXmlItem(t, `${where} <attribute>[${i}]`, 'attribute', node, ATTRIBUTE_FIELDS, ['values']);
    const valuesEl = child(node, 'values');
    const values = valuesEl ? xmlList(t, `${where} <attribute>[${i}]`, valuesEl, 'values', 'value').map((x, j) => readXmlItem(t, `${where} <attribute>[${i}] <value>[${j}]`, 'value', x, VALUE_FIELDS)) : [];
    return { rec, values };
  });
  t.expect(codeEl !== undefined, `${where}：缺少 <service_code>`);
  return { code: codeEl?.text.trim() || null, attributes };
}

/** The rules of one definition that hold in both formats. */
function checkDefinition(t: Tally, where: string, code: string, def: Definition): void {
  t.expect(def.code === code, `${where}：service_code 应为所请求的 "${code}"，实际 "${def.code}"`);
  const orders = new Set<string>();
  const codes = new Set<string>();
  for (const [i, { rec, values }] of def.attributes.entries()) {
    const at = `${where} attribute[${i}]`;
    const order = rec.get('order');
    if (order) {
      t.expect(!orders.has(order), `${at}：order ${order} 与同一服务的其他 attribute 重复`);
      orders.add(order);
    }
    const c = rec.get('code');
    if (c) {
      t.expect(!codes.has(c), `${at}：code ${c} 重复`);
      codes.add(c);
    }
    const list = rec.get('datatype') === 'singlevaluelist' || rec.get('datatype') === 'multivaluelist';
    if (list) {
      t.expect(values.length > 0, `${at}：${rec.get('datatype')} 必须给出 values`);
      const keys = values.map((v) => v.get('key'));
      t.expect(new Set(keys).size === keys.length, `${at}：values 的 key 重复`);
    } else t.expect(values.length === 0, `${at}：datatype ${rec.get('datatype')} 不应带 values`);
  }
}

// ---- Comparing a JSON reading with an XML reading ----------------------------------------------------

function sameValue(kind: Kind, a: string | null | undefined, b: string | null | undefined): boolean {
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  if (kind === 'number') return Number(a) === Number(b);
  if (kind === 'datetime') return Date.parse(a!) === Date.parse(b!);
  return a === b;
}

function compareRecs(t: Tally, where: string, fields: readonly FieldSpec[], json: Rec, xml: Rec): void {
  for (const [name, kind] of fields) {
    if (!sameValue(kind, json.get(name), xml.get(name))) t.fail(`${where}：${name} JSON ${JSON.stringify(json.get(name) ?? null)} ≠ XML ${JSON.stringify(xml.get(name) ?? null)}`);
  }
}

// ---- The run -----------------------------------------------------------------------------------------

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

interface RequestItem {
  rec: Rec;
  id: string;
  status: string | null;
  code: string | null;
  requested: number;
}

function readRequests(t: Tally, a: Answer): RequestItem[] {
  const recs =
    a.format === 'json'
      ? jsonList(t, a.label, a.json).map((r, i) => readJsonItem(t, `${a.label} [${i}]`, 'request', r, REQUEST_FIELDS))
      : xmlList(t, a.label, a.xml, 'service_requests', 'request').map((r, i) => readXmlItem(t, `${a.label} <request>[${i}]`, 'request', r, REQUEST_FIELDS));
  return recs
    .filter((r) => typeof r.get('service_request_id') === 'string')
    .map((rec) => ({ rec, id: rec.get('service_request_id')!, status: rec.get('status') ?? null, code: rec.get('service_code') ?? null, requested: Date.parse(rec.get('requested_datetime') ?? '') }));
}

/** Runs every check against the endpoint and returns one result per check in CHECKS. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  foreign.clear();
  missing.clear();
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = new Client(base, options.jurisdiction);
  const results = new Map<CheckId, CheckResult>();
  const created: CreatedRequest[] = [];
  const startedAt = Date.now();

  async function check(id: CheckId, body: (t: Tally) => Promise<void> | void): Promise<void> {
    const t = new Tally();
    try {
      await body(t);
    } catch (e) {
      t.fail(`检查中断：${(e as Error).message}`);
    }
    const meta = CHECKS.find((c) => c.id === id)!;
    const outcome: Outcome = t.problems.length > 0 ? 'fail' : t.skipped !== null ? 'skip' : t.warnings.length > 0 ? 'warn' : 'pass';
    const details = [...t.problems, ...t.warnings, ...(t.skipped !== null ? [t.skipped] : []), ...t.notes];
    const result: CheckResult = { id, title: meta.title, spec: meta.spec, outcome, details };
    results.set(id, result);
    options.onResult?.(result);
  }
  const skip = (id: CheckId, reason: string) => check(id, (t) => t.skip(reason));

  // Discovery.
  const discovery: Partial<Record<Format, { rec: Rec; endpoints: { rec: Rec; formats: string[] }[] }>> = {};
  for (const format of FORMATS) {
    await check(`discovery.${format}`, async (t) => {
      const a = await http.get('discovery', format);
      if (!answered(t, a, 200)) return;
      let rec: Rec;
      let endpoints: { rec: Rec; formats: string[] }[];
      if (format === 'json') {
        rec = readJsonItem(t, a.label, 'discovery', a.json, DISCOVERY_FIELDS, ['endpoints']);
        const list = a.json && typeof a.json === 'object' ? (a.json as Record<string, unknown>).endpoints : undefined;
        endpoints = jsonList(t, `${a.label} endpoints`, list).map((e, i) => ({
          rec: readJsonItem(t, `${a.label} endpoints[${i}]`, 'endpoint', e, ENDPOINT_FIELDS, ['formats']),
          formats: jsonList(t, `${a.label} endpoints[${i}].formats`, (e as Record<string, unknown> | null)?.formats).map(String),
        }));
      } else {
        const root = a.xml!;
        if (!t.expect(root.name === 'discovery', `${a.label}：根元素应为 <discovery>，实际 <${root.name}>`)) return;
        rec = readXmlItem(t, a.label, 'discovery', root, DISCOVERY_FIELDS, ['endpoints']);
        endpoints = xmlList(t, a.label, child(root, 'endpoints'), 'endpoints', 'endpoint').map((e, i) => ({
          rec: readXmlItem(t, `${a.label} <endpoint>[${i}]`, 'endpoint', e, ENDPOINT_FIELDS, ['formats']),
          formats: xmlList(t, `${a.label} <endpoint>[${i}]`, child(e, 'formats'), 'formats', 'format').map((f) => f.text.trim()),
        }));
        t.expect(child(root, 'endpoints') !== undefined, `${a.label}：缺少 <endpoints>`);
      }
      discovery[format] = { rec, endpoints };
      const v2 = endpoints.filter((e) => e.rec.get('specification') === SPEC_URL);
      if (!t.expect(v2.length > 0, `${a.label}：没有 specification 为 ${SPEC_URL} 的端点`)) return;
      for (const e of v2) {
        t.expect(e.formats.includes('text/xml'), `${a.label}：GeoReport v2 端点 ${e.rec.get('url')} 的 formats 缺少 text/xml（"XML is a required format"）`);
        t.expect(e.formats.includes('application/json'), `${a.label}：端点 ${e.rec.get('url')} 提供 JSON，formats 却没有 application/json`);
      }
      const urls = v2.map((e) => (e.rec.get('url') ?? '').replace(/\/+$/, ''));
      if (!urls.includes(base)) t.note(`端点 URL ${urls.join(', ')} 与被检查的 ${base} 不同（经代理访问时属正常）`);
    });
  }
  await check('discovery.same', (t) => {
    const j = discovery.json;
    const x = discovery.xml;
    if (!j || !x) return t.skip('discovery.json 或 discovery.xml 未能读取');
    compareRecs(t, 'discovery', DISCOVERY_FIELDS, j.rec, x.rec);
    t.expect(j.endpoints.length === x.endpoints.length, `endpoints：JSON ${j.endpoints.length} 个，XML ${x.endpoints.length} 个`);
    j.endpoints.forEach((e, i) => {
      const o = x.endpoints[i];
      if (!o) return;
      compareRecs(t, `endpoints[${i}]`, ENDPOINT_FIELDS, e.rec, o.rec);
      t.expect(e.formats.join() === o.formats.join(), `endpoints[${i}].formats：JSON ${e.formats.join()} ≠ XML ${o.formats.join()}`);
    });
  });

  // Service list.
  const services: Partial<Record<Format, Service[]>> = {};
  for (const format of FORMATS) {
    await check(`services.${format}`, async (t) => {
      const a = await http.get('services', format);
      if (!answered(t, a, 200)) return;
      const list = readServices(t, a);
      t.expect(list.length > 0, `${a.label}：没有任何服务`);
      const codes = list.map((s) => s.code);
      t.expect(new Set(codes).size === codes.length, `${a.label}：service_code 有重复`);
      services[format] = list;
      t.note(`${list.length} 个服务，metadata=true ${list.filter((s) => s.metadata).length} 个，type ${[...new Set(list.map((s) => s.type))].join('/')}`);
    });
  }
  await check('services.same', (t) => {
    const j = services.json;
    const x = services.xml;
    if (!j || !x) return t.skip('services.json 或 services.xml 未能读取');
    t.expect(j.length === x.length, `JSON ${j.length} 个服务，XML ${x.length} 个`);
    for (const s of j) {
      const o = x.find((y) => y.code === s.code);
      if (t.expect(o !== undefined, `${s.code} 只在 JSON 中`)) compareRecs(t, s.code, SERVICE_FIELDS, s.rec, o!.rec);
    }
    const cjk = j.filter((s) => /[\u4e00-\u9fff]/.test(s.name ?? '')).length;
    t.note(cjk > 0 ? `${cjk} 个服务名含中文，两种格式逐字相同` : '服务名中没有中文');
  });

  // Service definitions.
  const definitions = new Map<string, Partial<Record<Format, Definition>>>();
  const withMetadata = (services.json ?? services.xml ?? []).filter((s) => s.metadata);
  for (const format of FORMATS) {
    await check(`definitions.${format}`, async (t) => {
      if (withMetadata.length === 0) return t.skip(services.json || services.xml ? '没有 metadata=true 的服务' : '服务列表未能读取');
      await mapLimit(withMetadata, 4, async (s) => {
        const a = await http.get(`services/${encodeURIComponent(s.code)}`, format);
        if (!answered(t, a, 200)) return;
        const def = readDefinition(t, a);
        if (!def) return;
        checkDefinition(t, a.label, s.code, def);
        const entry = definitions.get(s.code) ?? {};
        entry[format] = def;
        definitions.set(s.code, entry);
      });
      const defs = [...definitions.values()].map((d) => d[format]).filter((d): d is Definition => d !== undefined);
      const datatypes = new Set(defs.flatMap((d) => d.attributes.map((x) => x.rec.get('datatype'))));
      t.note(`${defs.length} 个服务定义，共 ${defs.reduce((n, d) => n + d.attributes.length, 0)} 个 attribute，datatype：${[...datatypes].join('/') || '无'}`);
    });
  }
  await check('definitions.same', (t) => {
    if (definitions.size === 0) return t.skip('没有读到服务定义');
    for (const [code, { json, xml }] of definitions) {
      if (!json || !xml) {
        t.fail(`${code}：只有一种格式读到了定义`);
        continue;
      }
      t.expect(json.attributes.length === xml.attributes.length, `${code}：attribute JSON ${json.attributes.length} 个，XML ${xml.attributes.length} 个`);
      json.attributes.forEach((attr, i) => {
        const other = xml.attributes[i];
        if (!other) return;
        compareRecs(t, `${code} attribute[${i}]`, ATTRIBUTE_FIELDS, attr.rec, other.rec);
        t.expect(attr.values.length === other.values.length, `${code} attribute[${i}]：values JSON ${attr.values.length} 个，XML ${other.values.length} 个`);
        attr.values.forEach((v, j) => other.values[j] && compareRecs(t, `${code} attribute[${i}].values[${j}]`, VALUE_FIELDS, v, other.values[j]));
      });
    }
  });
  await check('definitions.unknown-404', async (t) => {
    for (const format of FORMATS) expectErrors(t, await http.get('services/CONFORMANCE-NO-SUCH-SERVICE', format), 404);
  });

  // What the data offers for the POST and filter checks.
  const listAnswers: Partial<Record<Format, Answer>> = {};
  for (const format of FORMATS) listAnswers[format] = await http.get('requests', format);
  const probe = new Tally();
  const existing = listAnswers.json && !listAnswers.json.parseError && listAnswers.json.status === 200 ? readRequests(probe, listAnswers.json) : [];
  const known = services.json ?? services.xml ?? [];
  const target = known.find((s) => s.type === 'realtime' && s.metadata) ?? known.find((s) => s.type === 'realtime') ?? known[0];
  const targetDef = target ? (definitions.get(target.code)?.json ?? definitions.get(target.code)?.xml) : undefined;
  const variable = (targetDef?.attributes ?? []).filter((a) => a.rec.get('variable') === 'true');

  /** attribute[code]=value for every required, variable attribute (and the multivaluelist form of the spec's example). */
  function requiredAttributes(except?: string): [string, string][] {
    const out: [string, string][] = [];
    for (const a of variable) {
      const code = a.rec.get('code')!;
      if (a.rec.get('required') !== 'true' || code === except) continue;
      const first = a.values[0]?.get('key') ?? '';
      switch (a.rec.get('datatype')) {
        case 'singlevaluelist':
          out.push([`attribute[${code}]`, first]);
          break;
        case 'multivaluelist':
          out.push([`attribute[${code}][]`, first]);
          break;
        case 'number':
          out.push([`attribute[${code}]`, '1']);
          break;
        case 'datetime':
          out.push([`attribute[${code}]`, w3cWithOffset(Date.now(), 0)]);
          break;
        default:
          out.push([`attribute[${code}]`, '一致性检查']);
      }
    }
    return out;
  }
  const located = existing.find((r) => r.rec.get('lat') && r.rec.get('long'));
  const point = options.point ?? (located ? { lat: Number(located.rec.get('lat')), long: Number(located.rec.get('long')) } : undefined);
  const withAddressId = existing.find((r) => r.rec.get('address_id'));
  const withAddress = existing.find((r) => r.rec.get('address'));
  const locations: { lat?: [string, string][]; addressId?: [string, string][]; addressString?: [string, string][] } = {
    lat: point ? [['lat', String(point.lat)], ['long', String(point.long)]] : undefined,
    addressId: withAddressId ? [['address_id', withAddressId.rec.get('address_id')!]] : undefined,
    addressString: withAddress ? [['address_string', withAddress.rec.get('address')!]] : undefined,
  };
  const anyLocation = locations.lat ?? locations.addressId ?? locations.addressString;
  const tag = '【Open311 一致性检查 · 测试数据，可作废】';

  function validPost(extra: [string, string][] = [], location = anyLocation): [string, string][] {
    return [['api_key', options.apiKey], ['service_code', target!.code], ...(location ?? []), ['description', `${tag}路灯杆上贴满小广告。`], ...requiredAttributes(), ...extra];
  }

  /** POSTs that should be refused: the status and an error list, in both formats. */
  async function refused(t: Tally, status: number, fields: [string, string][]): Promise<void> {
    for (const format of FORMATS) expectErrors(t, await http.post(format, fields), status);
  }

  const postable = !options.readOnly && target !== undefined && anyLocation !== undefined;
  const whyNot = options.readOnly ? '--read-only：不提交请求' : !target ? '没有可提交的服务' : '找不到可用的位置（没有请求带 address/address_id，也未给 --lat/--long）';

  /** One accepted POST: 2xx, one request, an id or a token as the service's type says. */
  async function accepted(t: Tally, format: Format, fields: [string, string][], description: string): Promise<string | null> {
    const a = await http.post(format, fields);
    if (!answered(t, a, 'success')) return null;
    const recs =
      format === 'json'
        ? jsonList(t, a.label, a.json).map((r, i) => readJsonItem(t, `${a.label} [${i}]`, 'request（POST 应答）', r, CREATED_FIELDS))
        : xmlList(t, a.label, a.xml, 'service_requests', 'request').map((r, i) => readXmlItem(t, `${a.label} <request>[${i}]`, 'request（POST 应答）', r, CREATED_FIELDS));
    if (!t.expect(recs.length === 1, `${a.label}：应答应是一条 request 的列表，实际 ${recs.length} 条`)) return null;
    const rec = recs[0]!;
    const id = rec.get('service_request_id') ?? null;
    const token = rec.get('token') ?? null;
    t.expect(!(id && token), `${a.label}：service_request_id 与 token 不应同时返回`);
    if (target!.type === 'realtime') t.expect(id !== null, `${a.label}：type=realtime 的服务应立即返回 service_request_id`);
    if (target!.type === 'batch') t.expect(token !== null, `${a.label}：type=batch 的服务应返回 token`);
    created.push({ format, serviceRequestId: id, serviceCode: target!.code, description });
    return id;
  }

  await check('post.api-key-missing-403', async (t) => {
    if (!postable) return t.skip(whyNot);
    await refused(t, 403, validPost().filter(([k]) => k !== 'api_key'));
  });
  await check('post.api-key-wrong-403', async (t) => {
    if (!postable) return t.skip(whyNot);
    await refused(t, 403, validPost().map(([k, v]): [string, string] => (k === 'api_key' ? [k, `${v}-wrong`] : [k, v])));
    await refused(t, 403, validPost().map(([k, v]): [string, string] => (k === 'api_key' ? [k, 'conformance-not-a-key'] : [k, v])));
  });
  await check('post.api-key-revoked-403', async (t) => {
    if (!postable) return t.skip(whyNot);
    if (!options.revokedApiKey) return t.skip('未给 --revoked-api-key');
    await refused(t, 403, validPost().map(([k, v]): [string, string] => (k === 'api_key' ? [k, options.revokedApiKey!] : [k, v])));
  });
  await check('post.service-code-missing-400', async (t) => {
    if (!postable) return t.skip(whyNot);
    await refused(t, 400, validPost().filter(([k]) => k !== 'service_code'));
  });
  await check('post.service-code-unknown-404', async (t) => {
    if (!postable) return t.skip(whyNot);
    await refused(t, 404, validPost().map(([k, v]): [string, string] => (k === 'service_code' ? [k, 'CONFORMANCE-NO-SUCH-SERVICE'] : [k, v])));
  });
  await check('post.location-missing-400', async (t) => {
    if (!postable) return t.skip(whyNot);
    const locationKeys = ['lat', 'long', 'address_string', 'address_id'];
    // Attributes stay as the definition requires them; a list attribute that names a place still is no location the spec knows.
    await refused(t, 400, validPost([], []).filter(([k]) => !locationKeys.includes(k)));
  });
  await check('post.lat-without-long-400', async (t) => {
    if (!postable) return t.skip(whyNot);
    await refused(t, 400, validPost([], [['lat', String(point?.lat ?? 30)]]));
  });
  await check('post.required-attribute-missing-400', async (t) => {
    if (!postable) return t.skip(whyNot);
    const required = variable.find((a) => a.rec.get('required') === 'true');
    if (!required) return t.skip(`服务 ${target!.code} 没有 required=true 的 attribute`);
    await refused(t, 400, validPost().filter(([k]) => !k.startsWith(`attribute[${required.rec.get('code')}]`)));
  });
  await check('post.attribute-value-not-in-list-400', async (t) => {
    if (!postable) return t.skip(whyNot);
    const list = variable.find((a) => a.rec.get('datatype') === 'singlevaluelist');
    if (!list) return t.skip(`服务 ${target!.code} 没有 singlevaluelist 的 attribute`);
    const code = list.rec.get('code')!;
    await refused(t, 400, [...validPost().filter(([k]) => !k.startsWith(`attribute[${code}]`)), [`attribute[${code}]`, 'CONFORMANCE-NOT-IN-LIST']]);
  });

  const roundTrip = `${tag}\n井盖松动，行人易绊倒——请尽快处理。\n第三行：𠀋 𡈽（扩展区汉字）、“全角引号”、①②③。`;
  const createdIds: { id: string; format: Format; description: string }[] = [];
  await check('post.created', async (t) => {
    if (!postable) return t.skip(whyNot);
    for (const format of FORMATS) {
      const description = `${tag}路灯杆上贴满小广告（${format.toUpperCase()}）。`;
      const fields = validPost().map(([k, v]): [string, string] => (k === 'description' ? [k, description] : [k, v]));
      const id = await accepted(t, format, fields, description);
      if (id) createdIds.push({ id, format, description });
    }
    t.note(`服务 ${target!.code}（${target!.type}），位置：${(anyLocation ?? []).map(([k]) => k).join('+')}；新建 ${createdIds.map((c) => c.id).join(', ') || '无'}`);
  });
  const locationCheck = (id: CheckId, location: [string, string][] | undefined, missing: string) =>
    check(id, async (t) => {
      if (!postable) return t.skip(whyNot);
      if (!location) return t.skip(missing);
      const description = `${tag}定位方式：${location.map(([k]) => k).join('+')}。`;
      const got = await accepted(t, 'json', validPost([], location).map(([k, v]): [string, string] => (k === 'description' ? [k, description] : [k, v])), description);
      if (got) createdIds.push({ id: got, format: 'json', description });
    });
  await locationCheck('post.location-lat-long', locations.lat, '没有已知的辖区内坐标（没有请求带 lat/long，也未给 --lat/--long）');
  await locationCheck('post.location-address-id', locations.addressId, '没有请求带 address_id');
  await locationCheck('post.location-address-string', locations.addressString, '没有请求带 address');
  await check('post.description-4000', async (t) => {
    if (!postable) return t.skip(whyNot);
    const body = `${tag}\n`;
    const description = body + '长'.repeat(4000 - body.length);
    const got = await accepted(t, 'json', validPost().map(([k, v]): [string, string] => (k === 'description' ? [k, description] : [k, v])), description);
    if (got) createdIds.push({ id: got, format: 'json', description });
  });
  await check('post.utf-8-round-trip', async (t) => {
    if (!postable) return t.skip(whyNot);
    const id = await accepted(t, 'json', validPost().map(([k, v]): [string, string] => (k === 'description' ? [k, roundTrip] : [k, v])), roundTrip);
    if (!id) return;
    createdIds.push({ id, format: 'json', description: roundTrip });
    for (const format of FORMATS) {
      const a = await http.get(`requests/${encodeURIComponent(id)}`, format);
      if (!answered(t, a, 200)) continue;
      const [item] = readRequests(new Tally(), a);
      const shown = item?.rec.get('description');
      if (shown) t.expect(shown === roundTrip.trim(), `${a.label}：description 读回后变了：${JSON.stringify(shown.slice(0, 80))}`);
      else t.note(`${format.toUpperCase()}：服务器不公开 description（读回为空），只验证了提交被接受`);
    }
  });
  await check('request.created-readable', async (t) => {
    if (createdIds.length === 0) return t.skip(postable ? 'POST 未能建立请求' : whyNot);
    const name = target!.name;
    for (const c of createdIds) {
      for (const format of FORMATS) {
        const a = await http.get(`requests/${encodeURIComponent(c.id)}`, format);
        if (!answered(t, a, 200)) continue;
        const items = readRequests(t, a);
        if (!t.expect(items.length === 1, `${a.label}：应返回一条，实际 ${items.length} 条`)) continue;
        const r = items[0]!;
        t.expect(r.id === c.id, `${a.label}：service_request_id ${r.id} ≠ ${c.id}`);
        t.expect(r.code === target!.code, `${a.label}：service_code ${r.code} ≠ 提交的 ${target!.code}`);
        t.expect(r.rec.get('service_name') === name, `${a.label}：service_name ${r.rec.get('service_name')} ≠ 服务列表的 ${name}`);
        t.expect(Math.abs(r.requested - startedAt) < DAY, `${a.label}：requested_datetime ${r.rec.get('requested_datetime')} 与提交时间相差超过一天`);
      }
    }
  });

  // GET requests.
  const lists: Partial<Record<Format, RequestItem[]>> = {};
  for (const format of FORMATS) {
    await check(`requests.${format}`, async (t) => {
      const a = listAnswers[format]!;
      if (!answered(t, a, 200)) return;
      const items = readRequests(t, a);
      const ids = items.map((r) => r.id);
      t.expect(new Set(ids).size === ids.length, `${a.label}：service_request_id 有重复`);
      lists[format] = items;
      const statuses = [...new Set(items.map((r) => r.status))];
      t.note(`${items.length} 条（${statuses.join('/')}）`);
      if (items.length === 0) t.skip('列表为空，无法检查字段');
    });
  }
  const all = lists.json ?? lists.xml ?? [];
  await check('requests.same', (t) => {
    const j = lists.json;
    const x = lists.xml;
    if (!j || !x) return t.skip('requests.json 或 requests.xml 未能读取');
    const xById = new Map(x.map((r) => [r.id, r]));
    let common = 0;
    for (const r of j) {
      const o = xById.get(r.id);
      if (!o) continue;
      common++;
      compareRecs(t, r.id, REQUEST_FIELDS, r.rec, o.rec);
    }
    t.expect(common >= Math.min(j.length, x.length) - 5, `两种格式共有的请求只有 ${common} 条（JSON ${j.length}，XML ${x.length}）`);
  });
  await check('requests.default-range', (t) => {
    if (all.length === 0) return t.skip('列表为空');
    t.expect(all.length <= 1000, `默认列表有 ${all.length} 条，超过 1000`);
    const oldest = Math.min(...all.map((r) => r.requested));
    t.expect(oldest >= startedAt - 91 * DAY, `默认列表含 ${new Date(oldest).toISOString()} 的请求，早于最近 90 天`);
  });

  await check('requests.filter.service_request_id', async (t) => {
    if (all.length < 2) return t.skip('列表不足两条');
    const [a, b] = [all[0]!, all.find((r) => r.status === all[0]!.status && r.id !== all[0]!.id) ?? all[1]!];
    const otherCode = known.find((s) => s.code !== a.code && s.code !== b.code)?.code;
    const otherStatus = a.status === b.status ? STATUSES.find((s) => s !== a.status) : undefined;
    for (const format of FORMATS) {
      const one = await http.get('requests', format, { service_request_id: a.id });
      if (answered(t, one, 200)) t.expect(readRequests(new Tally(), one).map((r) => r.id).join() === a.id, `${one.label}：应只返回 ${a.id}`);
      const params: Record<string, string> = { service_request_id: `${a.id},${b.id}`, start_date: w3cWithOffset(startedAt - 400 * DAY, 0), end_date: w3cWithOffset(startedAt - 399 * DAY, 0) };
      if (otherCode) params.service_code = otherCode;
      if (otherStatus) params.status = otherStatus;
      const two = await http.get('requests', format, params);
      if (answered(t, two, 200)) {
        const got = readRequests(new Tally(), two).map((r) => r.id).sort();
        t.expect(got.join() === [a.id, b.id].sort().join(), `${two.label}：应正好返回 ${a.id}、${b.id}（"This overrides all other arguments."），实际 ${got.join(', ') || '无'}`);
      }
    }
  });
  await check('requests.filter.service_code', async (t) => {
    const codes = [...new Set(all.map((r) => r.code).filter((c): c is string => c !== null))];
    if (codes.length < 2) return t.skip('列表中的服务不足两种');
    const [c1, c2] = [codes[0]!, codes[1]!];
    for (const format of FORMATS) {
      const one = await http.get('requests', format, { service_code: c1 });
      if (answered(t, one, 200)) {
        const got = readRequests(new Tally(), one);
        t.expect(got.length > 0, `${one.label}：没有返回任何请求，默认列表中却有`);
        t.expect(got.every((r) => r.code === c1), `${one.label}：返回了其他服务的请求`);
      }
      const both = await http.get('requests', format, { service_code: `${c1},${c2}` });
      if (answered(t, both, 200)) {
        const got = readRequests(new Tally(), both);
        t.expect(got.every((r) => r.code === c1 || r.code === c2), `${both.label}：返回了 ${c1}、${c2} 以外的服务`);
        t.expect(got.some((r) => r.code === c1) && got.some((r) => r.code === c2), `${both.label}：两种服务应都在结果中`);
      }
    }
  });
  await check('requests.filter.status', async (t) => {
    if (all.length === 0) return t.skip('列表为空');
    const present = STATUSES.filter((s) => all.some((r) => r.status === s));
    for (const format of FORMATS) {
      for (const status of STATUSES) {
        const a = await http.get('requests', format, { status });
        if (!answered(t, a, 200)) continue;
        const got = readRequests(new Tally(), a);
        t.expect(got.every((r) => r.status === status), `${a.label}：返回了 status 不是 ${status} 的请求`);
        if (present.includes(status)) t.expect(got.length > 0, `${a.label}：默认列表中有 ${status} 的请求，筛选结果却为空`);
      }
      const both = await http.get('requests', format, { status: 'open,closed' });
      if (answered(t, both, 200)) {
        const got = readRequests(new Tally(), both);
        for (const s of present) t.expect(got.some((r) => r.status === s), `${both.label}：结果中应有 ${s} 的请求`);
      }
    }
    if (present.length < 2) t.note(`默认列表中只有 ${present.join('') || '无'} 状态`);
  });
  await check('requests.filter.dates', async (t) => {
    const pick = all.find((r) => Number.isFinite(r.requested));
    if (!pick) return t.skip('列表为空');
    const from = Math.floor(pick.requested / 1000) * 1000 - 1000;
    const to = Math.ceil(pick.requested / 1000) * 1000 + 1000;
    for (const format of FORMATS) {
      for (const offset of [0, -300, 480]) {
        const a = await http.get('requests', format, { start_date: w3cWithOffset(from, offset), end_date: w3cWithOffset(to, offset) });
        if (!answered(t, a, 200)) continue;
        const got = readRequests(new Tally(), a);
        t.expect(got.some((r) => r.id === pick.id), `${a.label}：应包含 ${pick.id}（requested_datetime ${pick.rec.get('requested_datetime')}）`);
        t.expect(got.every((r) => r.requested >= from && r.requested <= to), `${a.label}：返回了 requested_datetime 不在范围内的请求`);
      }
      const since = startedAt - 10 * DAY;
      const a = await http.get('requests', format, { start_date: w3cWithOffset(since, 0) });
      if (answered(t, a, 200)) t.expect(readRequests(new Tally(), a).every((r) => r.requested >= since), `${a.label}：返回了早于 start_date 的请求`);
      const until = startedAt - 10 * DAY;
      const b = await http.get('requests', format, { end_date: w3cWithOffset(until, 0) });
      if (answered(t, b, 200)) t.expect(readRequests(new Tally(), b).every((r) => r.requested <= until), `${b.label}：返回了晚于 end_date 的请求`);
    }
  });
  await check('requests.bad-date-400', async (t) => {
    for (const format of FORMATS) {
      expectErrors(t, await http.get('requests', format, { start_date: 'yesterday' }), 400);
      expectErrors(t, await http.get('requests', format, { end_date: '2010-13-45T00:00:00Z' }), 400);
    }
  });
  await check('optional-arguments.empty', async (t) => {
    for (const format of FORMATS) {
      const empties = { service_request_id: '', service_code: '', start_date: '', end_date: '', status: '' };
      const [plain, empty] = [await http.get('requests', format), await http.get('requests', format, empties)];
      if (answered(t, plain, 200) && answered(t, empty, 200)) {
        const ids = (a: Answer) => readRequests(new Tally(), a).map((r) => r.id);
        t.expect(ids(plain).join() === ids(empty).join(), `${empty.label}：与不带参数的结果不同`);
      }
      const [s1, s2] = [await http.get('services', format, { jurisdiction_id: null }), await http.get('services', format, { jurisdiction_id: '' })];
      if (answered(t, s1, 200) && answered(t, s2, 200)) t.expect(s1.text === s2.text, `${s2.label}：与不带 jurisdiction_id 的结果不同`);
    }
  });
  await check('request.one', async (t) => {
    const sample = [all[0], all.find((r) => r.status === 'closed'), all.find((r) => r.rec.get('media_url'))].filter((r): r is RequestItem => r !== undefined);
    if (sample.length === 0) return t.skip('列表为空');
    for (const r of new Set(sample)) {
      for (const format of FORMATS) {
        const a = await http.get(`requests/${encodeURIComponent(r.id)}`, format);
        if (!answered(t, a, 200)) continue;
        const items = readRequests(t, a);
        if (!t.expect(items.length === 1, `${a.label}：应返回一条的列表，实际 ${items.length} 条`)) continue;
        const fromList = (format === 'json' ? lists.json : lists.xml)?.find((x) => x.id === r.id) ?? r;
        compareRecs(t, `${a.label} 与列表中的`, REQUEST_FIELDS.filter(([n]) => n !== 'updated_datetime' && n !== 'status' && n !== 'status_notes'), items[0]!.rec, fromList.rec);
      }
    }
  });
  await check('request.unknown-404', async (t) => {
    const shaped = all[0]?.id.replace(/\d/g, '9');
    for (const id of ['999999999', ...(shaped ? [shaped] : [])]) {
      for (const format of FORMATS) expectErrors(t, await http.get(`requests/${encodeURIComponent(id)}`, format), 404);
    }
  });
  await check('jurisdiction', async (t) => {
    for (const format of FORMATS) {
      if (options.jurisdiction !== undefined) {
        const a = await http.get('services', format, { jurisdiction_id: options.jurisdiction });
        if (answered(t, a, 200)) t.expect(readServices(new Tally(), a).length > 0, `${a.label}：没有服务`);
      }
      const b = await http.get('services', format, { jurisdiction_id: 'conformance.invalid' });
      if (b.status === 404) expectErrors(t, b, 404);
      else if (answered(t, b, 200)) t.note(`${format.toUpperCase()}：未知的 jurisdiction_id 被忽略（单一辖区，规范允许）`);
    }
    if (options.jurisdiction === undefined) t.note('未给 --jurisdiction，只检查了未知辖区');
  });
  await check('media-url', async (t) => {
    const withMedia = all.find((r) => r.rec.get('media_url'));
    if (!withMedia) return t.skip('没有带 media_url 的请求');
    const url = withMedia.rec.get('media_url')!;
    let absolute: URL;
    try {
      absolute = new URL(url);
    } catch {
      return t.fail(`${withMedia.id} 的 media_url "${url}" 不是绝对 URL`);
    }
    const res = await fetch(absolute, { signal: AbortSignal.timeout(120_000) });
    await res.arrayBuffer();
    t.expect(res.status === 200, `GET ${url} → HTTP ${res.status}`);
    t.note(`${url}：${res.headers.get('content-type')}`);
  });

  // Format-wide rules, over every answer of this run.
  const answers = http.answers;
  await check('format.json-content-type', (t) => {
    for (const a of answers.filter((x) => x.format === 'json')) {
      const ct = a.contentType.toLowerCase();
      if (!/^application\/json\s*(;|$)/.test(ct)) t.fail(`${a.label}：Content-Type "${a.contentType}"`);
      else if (!/charset=("?)utf-8\1/.test(ct)) t.warn(`${a.label}：Content-Type "${a.contentType}" 未标 charset=utf-8`);
    }
  });
  await check('format.xml-content-type', (t) => {
    for (const a of answers.filter((x) => x.format === 'xml')) {
      const ct = a.contentType.toLowerCase();
      if (/^application\/xml\s*(;|$)/.test(ct)) t.warn(`${a.label}：Content-Type "${a.contentType}"，规范写的是 text/xml`);
      else if (!/^text\/xml\s*(;|$)/.test(ct)) t.fail(`${a.label}：Content-Type "${a.contentType}"`);
      if (!/charset=("?)utf-8\1/.test(ct)) t.fail(`${a.label}：Content-Type "${a.contentType}" 未标 charset=utf-8`);
    }
  });
  await check('format.xml-declaration', (t) => {
    for (const a of answers.filter((x) => x.format === 'xml')) {
      if (a.text === null) continue;
      t.expect(/^\uFEFF?<\?xml\s[^?]*\bencoding\s*=\s*(["'])utf-8\1[^?]*\?>/i.test(a.text), `${a.label}：没有以含 encoding="UTF-8" 的 XML 声明开头：${JSON.stringify(a.text.slice(0, 60))}`);
      if (a.parseError) t.fail(`${a.label}：${a.parseError}`);
      const ns = a.xml ? Object.entries(a.xml.attrs).filter(([k]) => k === 'xmlns' || k.startsWith('xmlns:')) : [];
      for (const [k, v] of ns) t.expect(k === 'xmlns' && v === SPEC_URL, `${a.label}：根元素声明了命名空间 ${k}="${v}"`);
    }
  });
  await check('format.utf-8', (t) => {
    for (const a of answers) t.expect(a.text !== null, `${a.label}：应答不是合法的 UTF-8`);
    t.note(`${answers.length} 个应答`);
  });
  await check('fields.present', (t) => {
    for (const [where, counts] of missing) t.fail(`${where} 缺少：${[...counts].map(([name, n]) => `${name}（${n} 条记录）`).join('、')}`);
  });
  await check('format.foreign-elements', (t) => {
    for (const [where, names] of foreign) t.warn(`${where}：${[...names].join('、')}`);
  });

  for (const c of CHECKS) if (!results.has(c.id)) await skip(c.id, '未执行');
  return { results: CHECKS.map((c) => results.get(c.id)!), created };
}

// ---- Command line ------------------------------------------------------------------------------------

const MARK: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

export function formatResult(r: CheckResult, verbose = false): string {
  const lines = [`${MARK[r.outcome]}  ${r.id}  ${r.title}`];
  const shown = r.outcome === 'pass' && !verbose ? [] : r.details;
  for (const d of shown) lines.push(`        ${d}`);
  if (r.outcome === 'fail') lines.push(`        规范：${r.spec}`);
  return lines.join('\n');
}

const USAGE = `用法：npx tsx scripts/open311-conformance.ts <端点 URL，如 https://host/open311> --api-key 密钥
       [--jurisdiction 辖区] [--revoked-api-key 已吊销的密钥] [--lat 纬度 --long 经度] [--read-only] [--verbose]`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'api-key': { type: 'string' },
      jurisdiction: { type: 'string' },
      'revoked-api-key': { type: 'string' },
      lat: { type: 'string' },
      long: { type: 'string' },
      'read-only': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const baseUrl = positionals[0];
  if (values.help || !baseUrl || (!values['api-key'] && !values['read-only'])) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const point = values.lat !== undefined && values.long !== undefined ? { lat: Number(values.lat), long: Number(values.long) } : undefined;
  if (point && (!Number.isFinite(point.lat) || !Number.isFinite(point.long))) {
    console.error('--lat/--long 应为数字。');
    process.exit(2);
  }
  console.log(`GeoReport v2 一致性检查：${baseUrl}${values.jurisdiction ? `（jurisdiction_id=${values.jurisdiction}）` : ''}`);
  const report = await runConformance({
    baseUrl,
    apiKey: values['api-key'] ?? '',
    jurisdiction: values.jurisdiction,
    revokedApiKey: values['revoked-api-key'],
    point,
    readOnly: values['read-only'],
    onResult: (r) => console.log(formatResult(r, values.verbose)),
  });
  const count = (o: Outcome) => report.results.filter((r) => r.outcome === o).length;
  console.log(`\n${count('pass')} 项通过，${count('fail')} 项不符合，${count('warn')} 项警告，${count('skip')} 项跳过。`);
  if (report.created.length > 0) console.log(`本次提交的测试请求：${report.created.map((c) => c.serviceRequestId ?? '（无编号）').join(', ')}`);
  process.exit(count('fail') > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`✖ ${(e as Error).message}`);
    process.exit(2);
  });
}
