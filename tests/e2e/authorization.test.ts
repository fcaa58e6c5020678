/**
 * The authorization matrix over HTTP (issue 6): every staff page and route handler — found by reading
 * app/staff at test time, so a new one without a row here fails — requested as each demo account (signed
 * in through next-auth's credentials endpoint, cookies kept by hand) and anonymously, with the status each
 * must answer: 200, 307 to the login page, 401 for a route handler, or 403. Case pages and case photos are
 * tried on a case inside and one outside the street dispatcher's street and the chief's segment. Server
 * actions: tests/integration/authorization.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './harness';

const app = appUnderTest();
const PASSWORD = 'luzhang-demo';
const ACCOUNTS = ['admin', 'dispatcher', 'street-dispatcher', 'chief', 'department', 'inspector', 'publicity'] as const;
type Account = (typeof ACCOUNTS)[number];
type Who = Account | 'anonymous';
const WHO: readonly Who[] = ['anonymous', ...ACCOUNTS];
/** The demo chief is the third-level chief of this segment; the street dispatcher's street is its street. */
const CHIEF_SEGMENT = 'QH-0001';

// ── Cookies and sign-in, by hand ────────────────────────────────────────────

type Jar = Map<string, string>;
const jars = new Map<Account, Jar>();

function keep(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** GET /api/auth/csrf, then POST the credentials with the csrf cookie: next-auth's own sign-in, no browser. */
async function signIn(username: Account): Promise<Jar> {
  const jar: Jar = new Map();
  const csrf = await fetch(`${app.baseUrl}/api/auth/csrf`);
  keep(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${app.baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ username, password: PASSWORD, csrfToken, callbackUrl: `${app.baseUrl}/staff`, json: 'true' }),
  });
  keep(jar, res);
  if (![...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))) {
    throw new Error(`sign-in as ${username} gave no session cookie (${res.status} ${await res.text()})`);
  }
  return jar;
}

async function request(who: Who, url: string, init: { method?: 'GET' | 'POST'; body?: () => BodyInit } = {}): Promise<Response> {
  const jar = who === 'anonymous' ? undefined : jars.get(who);
  return fetch(`${app.baseUrl}${url}`, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: jar ? { cookie: cookieHeader(jar) } : {},
    body: init.body?.(),
  });
}

async function html(who: Account, url: string): Promise<string> {
  const res = await request(who, url);
  expect(res.status, `${who} ${url}`).toBe(200);
  return res.text();
}

// ── Which cases to try ──────────────────────────────────────────────────────

interface CaseProbe {
  id: number;
  photo: string;
}
/** On the chief's segment (so inside the street too), not assigned to a department. */
let chiefCase: CaseProbe;
/** In the street dispatcher's street, on another segment, not dispatched to anyone. */
let streetCase: CaseProbe;
/** In another street, not dispatched to anyone. */
let outsideCase: CaseProbe;

function optionsOf(page: string, select: string): { value: string; text: string }[] {
  const block = new RegExp(`<select[^>]*name="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(page)?.[1] ?? '';
  return [...block.matchAll(/<option[^>]*value="(\d+)"[^>]*>([\s\S]*?)<\/option>/g)].map((m) => ({ value: m[1]!, text: m[2]!.replace(/<!-- -->/g, '') }));
}

/** What the admin's case page says: its segment, its 处置单位 and its first photo. */
async function caseFacts(id: number) {
  const page = await html('admin', `/staff/cases/${id}`);
  return {
    segment: /href="\/r\/([A-Z]+-\d{4})"/.exec(page)?.[1] ?? null,
    unit: (/处置单位<\/dt><dd[^>]*>([^<]*)/.exec(page)?.[1] ?? '').trim(),
    photo: new RegExp(`/staff/cases/${id}/photos/\\d+`).exec(page)?.[0] ?? null,
  };
}

/** The first case of the admin's inbox tabs (in `statuses` order) that `fits`, with a photo. */
async function findCase(query: string, statuses: string[], fits: (f: Awaited<ReturnType<typeof caseFacts>>) => boolean): Promise<CaseProbe> {
  let tried = 0;
  for (const status of statuses) {
    const page = await html('admin', `/staff/cases?status=${status}&${query}`);
    const ids = [...new Set([...page.matchAll(/href="\/staff\/cases\/(\d+)"/g)].map((m) => Number(m[1])))];
    for (const id of ids) {
      if (++tried > 60) break;
      const facts = await caseFacts(id);
      if (facts.photo && fits(facts)) return { id, photo: facts.photo };
    }
  }
  throw new Error(`no demo case with a photo for ${query} in ${statuses.join('/')}`);
}

beforeAll(async () => {
  for (const a of ACCOUNTS) jars.set(a, await signIn(a));
  // The street dispatcher's filter offers their street only.
  const streets = optionsOf(await html('street-dispatcher', '/staff/cases'), 'street');
  expect(streets).toHaveLength(1);
  const street = streets[0]!.value;
  const allStreets = optionsOf(await html('admin', '/staff/cases'), 'street');
  const other = allStreets.find((s) => s.value !== street)!.value;
  const segment = optionsOf(await html('admin', `/staff/cases?street=${street}`), 'segment').find((s) => s.text.startsWith(CHIEF_SEGMENT));
  expect(segment, `${CHIEF_SEGMENT} is in the street dispatcher's street`).toBeDefined();

  const notDepartment = (unit: string) => unit.startsWith('路长') || unit.startsWith('未派遣');
  chiefCase = await findCase(`street=${street}&segment=${segment!.value}`, ['closed', 'rejected', 'handled', 'dispatched', 'accepted', 'submitted'], (f) => f.segment === CHIEF_SEGMENT && notDepartment(f.unit));
  streetCase = await findCase(`street=${street}`, ['rejected', 'submitted', 'accepted'], (f) => f.segment !== CHIEF_SEGMENT && f.unit.startsWith('未派遣'));
  outsideCase = await findCase(`street=${other}`, ['rejected', 'submitted', 'accepted'], (f) => f.unit.startsWith('未派遣'));
}, 600_000);

// ── The expectation table ───────────────────────────────────────────────────

type Statuses = Record<Who, number>;
interface Probe {
  label: string;
  url: () => string;
  method?: 'GET' | 'POST';
  body?: () => BodyInit;
  expect: Statuses;
}

/** `ok` answer `status` (200 unless told), every other account 403, anonymous `anonymous`. */
function only(ok: readonly Account[], { status = 200, anonymous = 307 }: { status?: number; anonymous?: number } = {}): Statuses {
  return Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? anonymous : ok.includes(w) ? status : 403])) as Statuses;
}

const EVERYONE: readonly Account[] = ACCOUNTS;
const CASE_STAFF: readonly Account[] = ['admin', 'dispatcher', 'street-dispatcher', 'chief', 'department', 'inspector'];
const DESK: readonly Account[] = ['admin', 'dispatcher', 'street-dispatcher'];
const ADMIN: readonly Account[] = ['admin'];
/** Who may open a case: the district-wide roles, and the street dispatcher or chief when it is theirs. */
const caseSeers = (street: boolean, chief: boolean): Account[] => ['admin', 'dispatcher', ...(street ? ['street-dispatcher' as const] : []), ...(chief ? ['chief' as const] : []), 'inspector'];
const emptyForm = () => new FormData();

/** Route pattern (as its folder under app/) → what to request and what each visitor gets. */
const MATRIX: Record<string, Probe[]> = {
  '/staff': [{ label: '工作台', url: () => '/staff', expect: only(EVERYONE) }],
  '/staff/login': [{ label: '登录页', url: () => '/staff/login', expect: only(EVERYONE, { anonymous: 200 }) }],
  '/staff/password': [{ label: '修改密码', url: () => '/staff/password', expect: only(EVERYONE) }],
  '/staff/cases': [{ label: '案件受理', url: () => '/staff/cases', expect: only(['admin', 'dispatcher', 'street-dispatcher', 'inspector']) }],
  '/staff/cases/new': [{ label: '登记巡查/热线', url: () => '/staff/cases/new', expect: only(CASE_STAFF) }],
  '/staff/cases/[id]': [
    { label: '案件：路长的路段上', url: () => `/staff/cases/${chiefCase.id}`, expect: only(caseSeers(true, true)) },
    { label: '案件：同一街道的其他路段', url: () => `/staff/cases/${streetCase.id}`, expect: only(caseSeers(true, false)) },
    { label: '案件：其他街道', url: () => `/staff/cases/${outsideCase.id}`, expect: only(caseSeers(false, false)) },
  ],
  '/staff/cases/[id]/photos/[mediaId]': [
    { label: '照片：路长的路段上', url: () => chiefCase.photo, expect: only(caseSeers(true, true), { anonymous: 401 }) },
    { label: '照片：同一街道的其他路段', url: () => streetCase.photo, expect: only(caseSeers(true, false), { anonymous: 401 }) },
    { label: '照片：其他街道', url: () => outsideCase.photo, expect: only(caseSeers(false, false), { anonymous: 401 }) },
  ],
  '/staff/todo': [{ label: '我的待办', url: () => '/staff/todo', expect: only(['chief', 'department']) }],
  '/staff/master': [{ label: '基础数据', url: () => '/staff/master', expect: only(DESK) }],
  '/staff/master/[entity]': [{ label: '路段列表', url: () => '/staff/master/segments', expect: only(DESK) }],
  '/staff/master/[entity]/[id]': [{ label: '新建路段', url: () => '/staff/master/segments/new', expect: only(ADMIN) }],
  '/staff/master/[entity]/export.xlsx': [{ label: '导出路段', url: () => '/staff/master/segments/export.xlsx', expect: only(DESK, { anonymous: 401 }) }],
  '/staff/master/import': [{ label: '台账导入页', url: () => '/staff/master/import', expect: only(ADMIN) }],
  // Without a file: past the guard, the admin is told to choose one (400); nobody else gets that far.
  '/staff/master/import/[kind]': [{ label: '台账导入（无文件）', url: () => '/staff/master/import/segments', method: 'POST', body: emptyForm, expect: only(ADMIN, { status: 400, anonymous: 401 }) }],
  '/staff/master/import/template/[file]': [{ label: '台账模板', url: () => '/staff/master/import/template/segments.xlsx', expect: only(DESK, { anonymous: 401 }) }],
  '/staff/api-keys': [{ label: 'Open311 密钥', url: () => '/staff/api-keys', expect: only(ADMIN) }],
  '/staff/appeals': [{ label: '门前三包申诉', url: () => '/staff/appeals', expect: only(['admin', 'inspector']) }],
  // A photo of no appeal: past the guard the answer is 404.
  '/staff/appeals/[id]/photos/[mediaId]': [
    { label: '申诉照片（不存在）', url: () => '/staff/appeals/999999999/photos/999999999', expect: only(['admin', 'inspector'], { status: 404, anonymous: 401 }) },
  ],
  '/staff/audit': [{ label: '审计日志', url: () => '/staff/audit', expect: only(ADMIN) }],
  '/staff/users': [{ label: '账号管理', url: () => '/staff/users', expect: only(ADMIN) }],
  '/staff/signboards': [{ label: '公示牌印制', url: () => '/staff/signboards', expect: only(ADMIN) }],
  '/staff/publications': [{ label: '曝光台/点赞榜', url: () => '/staff/publications', expect: only(['admin', 'publicity']) }],
  '/staff/publications/[id]': [{ label: '编辑曝光台/点赞榜（演示数据第 1 条）', url: () => '/staff/publications/1', expect: only(['admin', 'publicity']) }],
  // A photo that is not the entry's: past the guard the answer is 404.
  '/staff/publications/[id]/photos/[mediaId]': [
    { label: '曝光台照片（不属于该条）', url: () => '/staff/publications/1/photos/999999999', expect: only(['admin', 'publicity'], { status: 404, anonymous: 401 }) },
  ],
  '/staff/reports': [{ label: '考核报表', url: () => '/staff/reports', expect: only(['admin', 'dispatcher', 'street-dispatcher', 'inspector']) }],
  // A malformed month: past the guard the answer is 400 with the reason.
  '/staff/reports/export.xlsx': [
    { label: '考核导出（月份有误）', url: () => '/staff/reports/export.xlsx?month=2026-13', expect: only(['admin', 'dispatcher', 'street-dispatcher', 'inspector'], { status: 400, anonymous: 401 }) },
  ],
  '/staff/ratings': [{ label: '红黑旗评比', url: () => '/staff/ratings', expect: only(['admin', 'inspector']) }],
  '/staff/ratings/import': [{ label: '评比导入页', url: () => '/staff/ratings/import', expect: only(['admin', 'inspector']) }],
  // A malformed month: past the guard the answer is 400 with the reason.
  '/staff/ratings/sheet': [{ label: '评比表（月份有误）', url: () => '/staff/ratings/sheet?street=1&month=2026-13', expect: only(['admin', 'inspector'], { status: 400, anonymous: 401 }) }],
  // An unknown template: past the guard the admin gets 400 (no ZIP of every board rendered for this test).
  '/staff/signboards/export': [{ label: '公示牌导出（参数有误）', url: () => '/staff/signboards/export?template=none', expect: only(ADMIN, { status: 400, anonymous: 401 }) }],
};

/** Every page.tsx and route.ts under app/staff, as its URL pattern. */
function staffRoutes(): string[] {
  const dir = path.resolve('app/staff');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f))
    .map((f) => `/staff/${f.replace(/(^|\/)(page\.tsx|route\.ts)$/, '')}`.replace(/\/$/, ''))
    .sort();
}

describe('the matrix covers every staff page and route handler', () => {
  it('has a row for each page.tsx and route.ts under app/staff, and none for a route that is gone', () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(19);
    expect(routes).toEqual(Object.keys(MATRIX).sort());
  });

  it('found cases inside and outside the scopes, each with a photo', () => {
    expect(new Set([chiefCase.id, streetCase.id, outsideCase.id]).size).toBe(3);
  });
});

describe.each(Object.entries(MATRIX))('%s', (_route, probes) => {
  it.each(probes.map((p) => [p.label, p] as const))('%s: each account and an anonymous visitor get their status', async (_label, probe) => {
    const got: Partial<Statuses> = {};
    for (const who of WHO) {
      const res = await request(who, probe.url(), { method: probe.method, body: probe.body });
      got[who] = res.status;
      if (res.status === 307) {
        // Not signed in: the login page, coming back here afterwards.
        const to = new URL(res.headers.get('location') ?? '', app.baseUrl);
        expect(to.pathname, `${who} ${probe.url()}`).toBe('/staff/login');
        expect(to.searchParams.get('callbackUrl')).toBe(new URL(probe.url(), app.baseUrl).pathname);
      }
      if (res.status === 403) expect(await res.text(), `${who} ${probe.url()}`).toMatch(/无权访问|不在你的管辖范围内/);
      else await res.body?.cancel();
    }
    expect(got).toEqual(probe.expect);
  }, 600_000);
});
