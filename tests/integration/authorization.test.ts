/**
 * The authorization matrix for what a browser cannot easily call: every server action and route handler
 * under app/staff is read at test time and must call a guard (with the roles this file expects) before it
 * touches the database; every demo account, signed in through a real session row, gets exactly the access
 * the table names; and the case services refuse each role and scope they must (inside and outside the
 * street dispatcher's street and the chief's segment), writing nothing. Pages and route handlers over
 * HTTP: tests/e2e/authorization.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '@/lib/db/client';
import { createStaffSession, staffForSession, type SignedInStaff } from '@/lib/auth/sessions';
import { applyCaseAction, createStaffCase, staffFlowActor, type ActionActor, type ActionInput } from '@/lib/cases/transitions';
import type { StaffCaseAction } from '@/lib/domain/case-flow';
import { staffAccess } from '@/lib/domain/password';
import { staffUsers } from '@/lib/db/schema';
import { DEMO_ACCOUNTS } from '@/lib/db/seed/demo';
import { openTestDb, type TestDb } from '../fixtures/db';

const STAFF_DIR = path.resolve('app/staff');
const ACCOUNTS = ['admin', 'dispatcher', 'street-dispatcher', 'chief', 'department', 'inspector', 'publicity'] as const;
type Account = (typeof ACCOUNTS)[number];
const EVERYONE: readonly Account[] = ACCOUNTS;
const CASE_STAFF: readonly Account[] = ['admin', 'dispatcher', 'street-dispatcher', 'chief', 'department', 'inspector'];
const DESK: readonly Account[] = ['admin', 'dispatcher', 'street-dispatcher'];
const ADMIN: readonly Account[] = ['admin'];

/**
 * Who passes the guard of each server action, route handler and page ("file#export" under app/staff;
 * "signed-in" = any live session, no role check). A new export without a row here fails the test.
 */
const GUARDED: Record<string, { guard: 'roles'; ok: readonly Account[] } | { guard: 'signed-in' } | { guard: 'public' }> = {
  // Server actions
  'cases/actions.ts#caseActionForm': { guard: 'roles', ok: CASE_STAFF },
  'cases/actions.ts#bulkCaseAction': { guard: 'roles', ok: DESK },
  'cases/actions.ts#casePublicForm': { guard: 'roles', ok: DESK },
  'cases/new/actions.ts#createCaseAction': { guard: 'roles', ok: CASE_STAFF },
  'master/actions.ts#saveAction': { guard: 'roles', ok: ADMIN },
  'master/actions.ts#setActiveAction': { guard: 'roles', ok: ADMIN },
  'master/actions.ts#assignAction': { guard: 'roles', ok: ADMIN },
  'master/actions.ts#endAssignmentAction': { guard: 'roles', ok: ADMIN },
  'password/actions.ts#changePasswordAction': { guard: 'signed-in' },
  'signboards/actions.ts#markPrintedAction': { guard: 'roles', ok: ADMIN },
  'signboards/actions.ts#uploadLogoAction': { guard: 'roles', ok: ADMIN },
  'signboards/actions.ts#removeLogoAction': { guard: 'roles', ok: ADMIN },
  'users/actions.ts#userAction': { guard: 'roles', ok: ADMIN },
  'api-keys/actions.ts#issueKeyAction': { guard: 'roles', ok: ADMIN },
  'api-keys/actions.ts#revokeKeyAction': { guard: 'roles', ok: ADMIN },
  'publications/actions.ts#createPublicationAction': { guard: 'roles', ok: ['admin', 'publicity'] },
  'publications/actions.ts#saveDraftAction': { guard: 'roles', ok: ['admin', 'publicity'] },
  'publications/actions.ts#transitionAction': { guard: 'roles', ok: ['admin', 'publicity'] },
  'publications/actions.ts#maskAction': { guard: 'roles', ok: ['admin', 'publicity'] },
  'publications/actions.ts#uploadPhotoAction': { guard: 'roles', ok: ['admin', 'publicity'] },
  'publications/actions.ts#removePhotoAction': { guard: 'roles', ok: ['admin', 'publicity'] },
  'ratings/actions.ts#saveGridAction': { guard: 'roles', ok: ['admin', 'inspector'] },
  'ratings/actions.ts#lockMonthAction': { guard: 'roles', ok: ['admin', 'inspector'] },
  'ratings/actions.ts#unlockMonthAction': { guard: 'roles', ok: ADMIN },
  'ratings/actions.ts#importAction': { guard: 'roles', ok: ['admin', 'inspector'] },
  'appeals/actions.ts#decideAppealAction': { guard: 'roles', ok: ['admin', 'inspector'] },
  // Route handlers
  'cases/[id]/photos/[mediaId]/route.ts#GET': { guard: 'roles', ok: CASE_STAFF },
  'master/[entity]/export.xlsx/route.ts#GET': { guard: 'roles', ok: DESK },
  'master/import/[kind]/route.ts#POST': { guard: 'roles', ok: ADMIN },
  'master/import/template/[file]/route.ts#GET': { guard: 'roles', ok: DESK },
  'signboards/export/route.ts#GET': { guard: 'roles', ok: ADMIN },
  'publications/[id]/photos/[mediaId]/route.ts#GET': { guard: 'roles', ok: ['admin', 'publicity'] },
  'reports/export.xlsx/route.ts#GET': { guard: 'roles', ok: ['admin', 'dispatcher', 'street-dispatcher', 'inspector'] },
  'ratings/sheet/route.ts#GET': { guard: 'roles', ok: ['admin', 'inspector'] },
  'appeals/[id]/photos/[mediaId]/route.ts#GET': { guard: 'roles', ok: ['admin', 'inspector'] },
  // Pages
  'page.tsx#default': { guard: 'roles', ok: EVERYONE },
  'login/page.tsx#default': { guard: 'public' },
  'password/page.tsx#default': { guard: 'signed-in' },
  'cases/page.tsx#default': { guard: 'roles', ok: ['admin', 'dispatcher', 'street-dispatcher', 'inspector'] },
  'cases/new/page.tsx#default': { guard: 'roles', ok: CASE_STAFF },
  'cases/[id]/page.tsx#default': { guard: 'roles', ok: CASE_STAFF },
  'todo/page.tsx#default': { guard: 'roles', ok: ['chief', 'department'] },
  'master/page.tsx#default': { guard: 'roles', ok: DESK },
  'master/[entity]/page.tsx#default': { guard: 'roles', ok: DESK },
  'master/[entity]/[id]/page.tsx#default': { guard: 'roles', ok: ADMIN },
  'master/import/page.tsx#default': { guard: 'roles', ok: ADMIN },
  'audit/page.tsx#default': { guard: 'roles', ok: ADMIN },
  'users/page.tsx#default': { guard: 'roles', ok: ADMIN },
  'api-keys/page.tsx#default': { guard: 'roles', ok: ADMIN },
  'signboards/page.tsx#default': { guard: 'roles', ok: ADMIN },
  'publications/page.tsx#default': { guard: 'roles', ok: ['admin', 'publicity'] },
  'publications/[id]/page.tsx#default': { guard: 'roles', ok: ['admin', 'publicity'] },
  'ratings/page.tsx#default': { guard: 'roles', ok: ['admin', 'inspector'] },
  'ratings/import/page.tsx#default': { guard: 'roles', ok: ['admin', 'inspector'] },
  'reports/page.tsx#default': { guard: 'roles', ok: ['admin', 'dispatcher', 'street-dispatcher', 'inspector'] },
  'appeals/page.tsx#default': { guard: 'roles', ok: ['admin', 'inspector'] },
};

// ── Reading the source ───────────────────────────────────────────────────────

function staffFiles(test: (name: string) => boolean): string[] {
  return (fs.readdirSync(STAFF_DIR, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => test(path.posix.basename(f)))
    .sort();
}

interface Entry {
  key: string;
  body: string;
  source: string;
}

/** Each exported function of a file with its text up to the next top-level export (or the end). */
function exportsOf(file: string, names: RegExp): Entry[] {
  const source = fs.readFileSync(path.join(STAFF_DIR, file), 'utf8');
  const starts = [...source.matchAll(/^export (?:default )?(?:async )?function ?(\w*)\s*\(/gm)];
  const entries: Entry[] = [];
  for (const [i, m] of starts.entries()) {
    const isDefault = m[0].startsWith('export default');
    const name = isDefault ? 'default' : m[1]!;
    if (!names.test(name)) continue;
    const end = starts[i + 1]?.index ?? source.length;
    entries.push({ key: `${file}#${name}`, body: source.slice(m.index, end), source });
  }
  return entries;
}

const GUARD_CALL = /\b(requireStaff|requireStaffAction|staffOrResponse)\(\s*(\[[^\]]*\]|[A-Z_]+)/;

/** The roles a guard call names: a literal array or a module constant such as CASE_ROLES. */
function guardRoles(entry: Entry): string[] | null {
  const m = GUARD_CALL.exec(entry.body);
  if (!m) return null;
  let list = m[2]!;
  if (!list.startsWith('[')) {
    const c = new RegExp(`const ${list}\\s*=\\s*(\\[[^\\]]*\\])`).exec(entry.source);
    if (!c) throw new Error(`${entry.key}: cannot find the roles constant ${list}`);
    list = c[1]!;
  }
  return [...list.matchAll(/'(\w+)'/g)].map((r) => r[1]!).sort();
}

/** The demo accounts' roles, to turn a guard's role list into the accounts it lets through. */
const ROLE_OF: Record<Account, string> = {
  admin: 'admin',
  dispatcher: 'dispatcher',
  'street-dispatcher': 'dispatcher',
  chief: 'handler',
  department: 'handler',
  inspector: 'inspector',
  publicity: 'publicity',
};

const actionEntries = () => staffFiles((n) => n === 'actions.ts').flatMap((f) => exportsOf(f, /.*/));
const routeEntries = () => staffFiles((n) => n === 'route.ts').flatMap((f) => exportsOf(f, /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/));
const pageEntries = () => staffFiles((n) => n === 'page.tsx').flatMap((f) => exportsOf(f, /^default$/));

describe('every staff server action, route handler and page calls a guard first (read from the source)', () => {
  it('finds the files it reads', () => {
    expect(actionEntries().length).toBeGreaterThanOrEqual(12);
    expect(routeEntries().length).toBeGreaterThanOrEqual(5);
    expect(pageEntries().length).toBeGreaterThanOrEqual(14);
  });

  it('has a row in the table for every exported action, route handler and page, and no stale rows', () => {
    const found = [...actionEntries(), ...routeEntries(), ...pageEntries()].map((e) => e.key).sort();
    expect(found).toEqual(Object.keys(GUARDED).sort());
  });

  it.each([...actionEntries(), ...routeEntries(), ...pageEntries()].map((e) => [e.key, e] as const))('%s checks who is asking before reading or writing', (key, entry) => {
    const rule = GUARDED[key];
    expect(rule, `${key} has no row in GUARDED`).toBeDefined();
    if (rule!.guard === 'public') {
      expect(entry.body).not.toMatch(/getDb\(/);
      return;
    }
    const guardAt =
      rule!.guard === 'signed-in'
        ? entry.body.search(/currentStaff\(\)[\s\S]{0,80}if \(!staff\)/)
        : entry.body.search(GUARD_CALL);
    expect(guardAt, `${key} calls no guard (requireStaff / requireStaffAction / staffOrResponse)`).toBeGreaterThan(0);
    const dbAt = entry.body.search(/getDb\(/);
    if (dbAt >= 0) expect(guardAt, `${key} opens the database before its guard`).toBeLessThan(dbAt);
    if (rule!.guard === 'roles') {
      const roles = guardRoles(entry)!;
      const letThrough = ACCOUNTS.filter((a) => roles.includes(ROLE_OF[a]));
      expect(letThrough, `${key} lets through other roles than the table says`).toEqual([...rule!.ok]);
    }
  });
});

// ── The guard decision for each demo account, through real session rows ─────

let t: TestDb;
const staff = new Map<Account, SignedInStaff>();
const actors = new Map<Account, ActionActor>();

async function signedIn(username: string): Promise<SignedInStaff> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from staff_users where username = ${username}`);
  if (!row) throw new Error(`no demo account ${username}`);
  const session = await createStaffSession(t.db, { userId: row.id, ip: '203.0.113.7' });
  const who = await staffForSession(t.db, { sessionId: session.id });
  if (!who) throw new Error(`no live session for ${username}`);
  return who;
}

beforeAll(async () => {
  t = await openTestDb();
  for (const a of ACCOUNTS) {
    const who = await signedIn(a);
    staff.set(a, who);
    actors.set(a, staffFlowActor(who));
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the demo accounts', () => {
  it('seeds every account of the matrix, the street dispatcher scoped to the street of QH-0001', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.username).sort()).toEqual([...ACCOUNTS].sort());
    const sd = staff.get('street-dispatcher')!;
    const [seg] = await queryRows<{ street_id: number }>(t.db, sql`select street_id from segments where code = 'QH-0001'`);
    expect(sd).toMatchObject({ roles: ['dispatcher'], scopeType: 'street', scopeAreaId: seg!.street_id });
    expect(staff.get('dispatcher')).toMatchObject({ scopeType: 'district' });
  });
});

describe('the guard lets through exactly the accounts of the table', () => {
  const rows = Object.entries(GUARDED).flatMap(([key, rule]) => ACCOUNTS.map((a) => [key, a, rule] as const));
  it.each(rows)('%s as %s', (key, account, rule) => {
    const who = staff.get(account)!;
    if (rule.guard === 'public') return;
    const roles = rule.guard === 'signed-in' ? ['admin', 'dispatcher', 'handler', 'inspector', 'publicity'] : rule.ok.map((a) => ROLE_OF[a]);
    const expected = rule.guard === 'signed-in' || rule.ok.includes(account) ? 'ok' : 'forbidden';
    expect(staffAccess(who, roles, { demoMode: true })).toBe(expected);
  });

  it('treats a disabled account as signed out at once, and an initial password outside demo mode as not yet allowed', async () => {
    const [row] = await queryRows<{ id: number }>(t.db, sql`select id from staff_users where username = 'inspector'`);
    const session = await createStaffSession(t.db, { userId: row!.id });
    const live = await staffForSession(t.db, { sessionId: session.id });
    expect(staffAccess({ ...live!, mustChangePassword: true }, ['inspector'], { demoMode: false })).toBe('password_change_required');
    await t.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, row!.id));
    try {
      const gone = await staffForSession(t.db, { sessionId: session.id });
      expect(gone).toBeNull();
      expect(staffAccess(gone, ['inspector'], { demoMode: true })).toBe('unauthenticated');
    } finally {
      await t.db.update(staffUsers).set({ active: true }).where(eq(staffUsers.id, row!.id));
    }
  });
});

// ── The case services: role and scope, inside and outside ───────────────────

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#778899' } }).jpeg().toBuffer();
}

/** Everything a case action could write, counted: a refusal leaves it as it was. */
async function footprint(id: number) {
  const [row] = await queryRows<Record<string, number | string>>(
    t.db,
    sql`select (select count(*)::int from case_events) as events, (select count(*)::int from audit_log) as audits,
               (select version from cases where id = ${id}) as version, (select status::text from cases where id = ${id}) as status,
               (select street_id from cases where id = ${id}) as street, (select count(*)::int from cases) as cases`,
  );
  return row!;
}

describe('case actions and staff-created cases, per account, inside and outside the scope', () => {
  /** An accepted hotline case (no assignee yet) on QH-0001, and one in another street. */
  let inside: { id: number; version: number };
  let outside: { id: number; version: number };
  let otherStreetSegment: string;
  let sameStreetSegment: string;
  let categoryCode: string;

  beforeAll(async () => {
    const [cat] = await queryRows<{ code: string }>(t.db, sql`select code from categories where time_limit_hours is not null and active order by code limit 1`);
    categoryCode = cat!.code;
    const [other] = await queryRows<{ code: string }>(
      t.db,
      sql`select code from segments where active and street_id <> (select street_id from segments where code = 'QH-0001') order by id limit 1`,
    );
    otherStreetSegment = other!.code;
    const [same] = await queryRows<{ code: string }>(
      t.db,
      sql`select code from segments where active and code <> 'QH-0001' and street_id = (select street_id from segments where code = 'QH-0001')
            and not exists (select 1 from chief_assignments a where a.segment_id = segments.id and a.chief_id = ${staff.get('chief')!.chiefId})
          order by id limit 1`,
    );
    sameStreetSegment = same!.code;
    const hotline = async (segmentCode: string) => {
      const r = await createStaffCase(t.db, { actor: actors.get('admin')!, source: 'hotline', categoryCode, segmentCode, description: '热线反映：路面有坑' });
      if (!r.ok) throw new Error(`hotline case refused: ${r.message}`);
      expect(r.status).toBe('accepted');
      return { id: r.caseId, version: r.version };
    };
    inside = await hotline('QH-0001');
    outside = await hotline(otherStreetSegment);
  });

  async function comment(c: { id: number; version: number }, account: Account) {
    const r = await applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor: actors.get(account)!, action: 'comment', input: { note: `${account} 的备注` } });
    if (r.ok) c.version = r.version;
    return r;
  }

  // 备注 is the one action every case role may take: what remains is the scope.
  it.each([
    ['admin', true, true],
    ['dispatcher', true, true],
    ['street-dispatcher', true, false],
    ['chief', true, false],
    ['department', false, false],
    ['inspector', true, true],
    ['publicity', false, false],
  ] as const)('%s: a note on the case on QH-0001 %s, on the case in another street %s', async (account, onInside, onOutside) => {
    for (const [c, allowed] of [
      [inside, onInside],
      [outside, onOutside],
    ] as const) {
      const before = await footprint(c.id);
      const r = await comment(c, account);
      expect(r.ok, `${account} on case ${c.id}`).toBe(allowed);
      if (!r.ok) {
        expect(r.code).toBe('forbidden');
        expect(r.message).toMatch(/[\u4e00-\u9fff]/);
        expect(await footprint(c.id)).toEqual(before);
      }
    }
  });

  it.each([
    ['street-dispatcher', 'accept'],
    ['street-dispatcher', 'dispatch'],
    ['street-dispatcher', 'supervise'],
    ['chief', 'dispatch'],
    ['inspector', 'dispatch'],
    ['department', 'supervise'],
  ] as const)('refuses %s a «%s» on the case in another street and writes nothing', async (account, action) => {
    const input: ActionInput = action === 'dispatch' ? { assignee: { chiefId: staff.get('chief')!.chiefId! } } : { note: '越权尝试' };
    const before = await footprint(outside.id);
    const r = await applyCaseAction(t.db, { caseId: outside.id, expectedVersion: outside.version, actor: actors.get(account)!, action: action as StaffCaseAction, input });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await footprint(outside.id)).toEqual(before);
  });

  it('lets a handler report a result only on a case dispatched to them, not on one merely in scope', async () => {
    const before = await footprint(inside.id);
    const r = await applyCaseAction(t.db, { caseId: inside.id, expectedVersion: inside.version, actor: actors.get('chief')!, action: 'return', input: { note: '不归我管' } });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await footprint(inside.id)).toEqual(before);
  });

  it('refuses a street dispatcher who would re-file a case of their street into another street while accepting', async () => {
    const created = await createStaffCase(t.db, {
      actor: actors.get('chief')!,
      source: 'patrol',
      categoryCode,
      segmentCode: 'QH-0001',
      description: '巡查发现：井盖缺失',
      photos: { report: [{ name: 'r.jpg', data: await photo() }] },
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.status).toBe('submitted');
    const before = await footprint(created.caseId);
    const r = await applyCaseAction(t.db, {
      caseId: created.caseId,
      expectedVersion: created.version,
      actor: actors.get('street-dispatcher')!,
      action: 'accept',
      input: { segmentCode: otherStreetSegment },
    });
    expect(r).toMatchObject({ ok: false, errors: { segmentCode: expect.stringContaining('不在你的管辖范围内') } });
    expect(await footprint(created.caseId)).toEqual(before);
    // Within the street the same correction goes through.
    const ok = await applyCaseAction(t.db, {
      caseId: created.caseId,
      expectedVersion: created.version,
      actor: actors.get('street-dispatcher')!,
      action: 'accept',
      input: { segmentCode: sameStreetSegment },
    });
    expect(ok).toMatchObject({ ok: true, status: 'accepted' });
  });

  it.each([
    ['street-dispatcher', 'hotline', 'other', 'forbidden'],
    ['street-dispatcher', 'hotline', 'QH-0001', 'accepted'],
    ['chief', 'patrol', 'other', 'forbidden'],
    ['chief', 'patrol', 'QH-0001', 'submitted'],
    ['chief', 'hotline', 'QH-0001', 'forbidden'],
    ['inspector', 'hotline', 'QH-0001', 'forbidden'],
    ['inspector', 'patrol', 'other', 'submitted'],
    ['department', 'patrol', 'other', 'submitted'],
    ['publicity', 'patrol', 'QH-0001', 'forbidden'],
  ] as const)('%s registering a %s case on %s: %s', async (account, source, where, outcome) => {
    const before = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases`);
    const r = await createStaffCase(t.db, {
      actor: actors.get(account)!,
      source,
      categoryCode,
      segmentCode: where === 'other' ? otherStreetSegment : where,
      description: `${account} 登记的案件`,
      photos: source === 'patrol' ? { report: [{ name: 'r.jpg', data: await photo() }] } : undefined,
    });
    const after = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases`);
    if (outcome === 'forbidden') {
      expect(r).toMatchObject({ ok: false, code: 'forbidden' });
      expect(after[0]!.n).toBe(before[0]!.n);
    } else {
      expect(r).toMatchObject({ ok: true, status: outcome });
      expect(after[0]!.n).toBe(before[0]!.n + 1);
    }
  });
});
