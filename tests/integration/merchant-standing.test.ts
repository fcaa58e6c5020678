/** /m/{code}, the red and black lists, and appeals: against the seeded demo district (12 locked months). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '@/lib/db/client';
import { monthDate, monthFromIndex, monthIndex } from '@/lib/domain/flags';
import { decideAppeal, fileAppeal, listAppealsForStaff, merchantAgreementCode } from '@/lib/ratings/appeals';
import { getFlagList, getMerchantPage, lastLockedMonth } from '@/lib/ratings/public';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
let photo: Buffer;
beforeAll(async () => {
  t = await openTestDb();
  photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 190, b: 180 } } }).jpeg().toBuffer();
});
afterAll(() => t?.close());

const LAST = '2026-10'; // TEST_TODAY is in November 2026; the seed locks the 12 months before it
const inspector = { id: 1, label: '考评员', scopeType: 'district', scopeAreaId: null };

/** A merchant with a black flag in the last locked month, and that flag's id. */
async function blackInLastMonth(offset = 0) {
  const [row] = await queryRows<{ code: string; id: number; rating_id: number; segment_code: string; credit_code: string | null }>(
    t.db,
    sql`select m.code, m.id, r.id as rating_id, s.code as segment_code, m.credit_code from ratings r join merchants m on m.id = r.merchant_id
        join segments s on s.id = m.segment_id
        where r.month = ${monthDate(LAST)} and r.flag = 'black' and r.revoked_by_appeal_id is null
          and not exists (select 1 from appeals a where a.rating_id = r.id)
        order by m.code offset ${offset} limit 1`,
  );
  return row!;
}

function fields(ratingId: number, identity: string, statement = '当天门前是施工单位堆放的材料，已协调清走，附照片为证。') {
  return { ratingId: String(ratingId), identity, statement, contactName: '王老板', contactPhone: '13800000000' };
}

describe('merchant standing page', () => {
  it('shows the last locked month, a 12-month strip and a standing consistent with the strip', async () => {
    expect(await lastLockedMonth(t.db)).toBe(LAST);
    const m = await blackInLastMonth();
    const page = (await getMerchantPage(t.db, { code: m.code }))!;
    expect(page.asOf).toBe(LAST);
    expect(page.strip.map((s) => s.month)).toEqual(Array.from({ length: 12 }, (_, i) => monthFromIndex(monthIndex(LAST) - 11 + i)));
    expect(page.strip.at(-1)!.flag).toBe('black');
    expect(page.standing!.flag).toBe('black');
    const blacksThisYear = page.strip.filter((s) => s.month >= '2026-01' && s.flag === 'black').length;
    expect(page.standing!.blackCount).toBe(blacksThisYear);
    expect(page.standing!.explanation).toContain(`黑旗 ${blacksThisYear} 面`);
    expect(JSON.parse(JSON.stringify(page))).toEqual(page); // cacheable as JSON
    expect(JSON.stringify(page)).not.toContain('13800000000');
  });

  it('publishes nothing from a month that is not locked', async () => {
    const m = await blackInLastMonth(1);
    await t.db.execute(sql`update rating_periods set locked_at = null where month = ${monthDate(LAST)}`);
    try {
      const page = (await getMerchantPage(t.db, { code: m.code }))!;
      expect(page.asOf).toBe('2026-09');
      expect(page.strip.at(-1)!.month).toBe('2026-09');
    } finally {
      await t.db.execute(sql`update rating_periods set locked_at = ${new Date('2026-11-05T00:00:00+08:00')} where month = ${monthDate(LAST)}`);
    }
  });

  it('is null for an unknown code', async () => {
    expect(await getMerchantPage(t.db, { code: 'QH-M99999' })).toBeNull();
  });
});

describe('red and black lists', () => {
  it('the black list defaults to the last locked month and puts accountable merchants first', async () => {
    const list = await getFlagList(t.db, { flag: 'black', subject: 'merchant' });
    expect(list.month).toBe(LAST);
    expect(list.total).toBeGreaterThan(0);
    const ranks = list.entries.map((e) => ({ accountable: 2, warning: 1, good: 0 })[e.standing!.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(list.entries.some((e) => e.standing!.status === 'accountable')).toBe(true);
    const first = list.entries[0]!;
    expect(first.standing!.explanation).toContain('已被问责');
  });

  it('the red list of a month holds exactly that month’s red flags, filtered by street and name', async () => {
    const [{ n }] = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ratings where subject = 'merchant' and month = '2026-06-01' and flag = 'red'`)) as [{ n: number }];
    const all = await getFlagList(t.db, { flag: 'red', subject: 'merchant', month: '2026-06' });
    expect(all.total).toBe(n);
    const one = all.entries[0]!;
    const byName = await getFlagList(t.db, { flag: 'red', subject: 'merchant', month: '2026-06', q: one.name });
    expect(byName.entries.map((e) => e.code)).toContain(one.code);
    expect(byName.entries.every((e) => e.name.includes(one.name))).toBe(true);
    const [street] = await queryRows<{ id: number; name: string }>(t.db, sql`select id, name from area_units where level = 'street' and name = ${one.streetName}`);
    const byStreet = await getFlagList(t.db, { flag: 'red', subject: 'merchant', month: '2026-06', streetId: street!.id });
    expect(byStreet.entries.every((e) => e.streetName === street!.name)).toBe(true);
  });

  it('every black list entry has the standing its /m page shows, with a month of its street unlocked and a flag revoked', async () => {
    const list = await getFlagList(t.db, { flag: 'black', subject: 'merchant', month: LAST });
    const codes = list.entries.map((e) => e.code);
    // One listed merchant with a flag in September (then unlocked for its street), another with a black in August (then revoked).
    const [sept] = await queryRows<{ code: string; street_id: number }>(
      t.db,
      sql`select m.code, r.street_id from ratings r join merchants m on m.id = r.merchant_id
          where m.code = any(${`{${codes.join(',')}}`}::text[]) and r.month = '2026-09-01' and r.flag <> 'none' and r.revoked_by_appeal_id is null
          order by m.code limit 1`,
    );
    const [aug] = await queryRows<{ code: string; rating_id: number }>(
      t.db,
      sql`select m.code, r.id as rating_id from ratings r join merchants m on m.id = r.merchant_id
          where m.code = any(${`{${codes.join(',')}}`}::text[]) and m.code <> ${sept!.code} and r.month = '2026-08-01' and r.flag = 'black' and r.revoked_by_appeal_id is null
          order by m.code limit 1`,
    );
    const before = await getFlagList(t.db, { flag: 'black', subject: 'merchant', month: LAST });
    await t.db.execute(sql`update rating_periods set locked_at = null where street_id = ${sept!.street_id} and month = '2026-09-01'`);
    await t.db.execute(sql`update ratings set revoked_by_appeal_id = 2147483647 where id = ${aug!.rating_id}`);
    try {
      const after = await getFlagList(t.db, { flag: 'black', subject: 'merchant', month: LAST });
      const standingOf = (l: typeof after, code: string) => l.entries.find((e) => e.code === code)?.standing;
      expect(standingOf(after, sept!.code)).not.toEqual(standingOf(before, sept!.code));
      expect(standingOf(after, aug!.code)).not.toEqual(standingOf(before, aug!.code));
      const checked = new Set([sept!.code, aug!.code, ...after.entries.slice(0, 30).map((e) => e.code)]);
      for (const code of checked) {
        const s = (await getMerchantPage(t.db, { code }))!.standing!;
        expect({ code, ...standingOf(after, code) }).toEqual({
          code,
          status: s.status,
          countedBlack: s.countedBlack,
          blackCount: s.blackCount,
          consecutiveBlack: s.consecutiveBlack,
          explanation: s.explanation,
          accountable: s.accountable,
        });
      }
    } finally {
      await t.db.execute(sql`update ratings set revoked_by_appeal_id = null where id = ${aug!.rating_id}`);
      await t.db.execute(sql`update rating_periods set locked_at = ${new Date('2026-11-05T00:00:00+08:00')} where street_id = ${sept!.street_id} and month = '2026-09-01'`);
    }
  });

  it('segment lists work the same way', async () => {
    const list = await getFlagList(t.db, { flag: 'black', subject: 'segment', month: LAST });
    for (const e of list.entries) expect(e.standing).not.toBeNull();
  });

  it('a name search with LIKE wildcards matches them literally', async () => {
    const list = await getFlagList(t.db, { flag: 'red', subject: 'merchant', month: LAST, q: '%' });
    expect(list.total).toBe(0);
  });
});

describe('appeals', () => {
  it('a wrong code is refused precisely and files nothing', async () => {
    const m = await blackInLastMonth(2);
    const wrong = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, 'ZZZZ-ZZZZ'), photos: [], ip: '10.0.0.1', now: TEST_TODAY });
    expect(wrong).toMatchObject({ ok: false, error: 'wrong_code' });
    expect(!wrong.ok && wrong.message).toContain('责任书编号与本商户不符');
    const badCredit = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, '91350100M000100Y44'), photos: [], ip: '10.0.0.1', now: TEST_TODAY });
    expect(!badCredit.ok && badCredit.message).toContain('校验码不符');
    const another = await merchantAgreementCode(t.db, 'QH-M00001');
    const others = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, another), photos: [], ip: '10.0.0.1', now: TEST_TODAY });
    expect(others).toMatchObject({ ok: false, error: 'wrong_code' });
    const [{ n }] = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from appeals where rating_id = ${m.rating_id}`)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('an upheld appeal removes the flag, recomputes the standing and is shown on the page and in the audit log', async () => {
    const m = await blackInLastMonth(3);
    const before = (await getMerchantPage(t.db, { code: m.code }))!;
    const code = (await merchantAgreementCode(t.db, m.code)).toLowerCase().replace('-', ' ');
    const filed = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, code), photos: [{ data: photo, name: 'a.jpg' }], ip: '10.0.0.2', now: TEST_TODAY });
    expect(filed).toMatchObject({ ok: true, merchantCode: m.code, segmentCode: m.segment_code });
    if (!filed.ok) return;
    const pending = (await getMerchantPage(t.db, { code: m.code }))!;
    expect(pending.appeals[0]).toMatchObject({ id: filed.appealId, month: LAST, status: 'pending' });
    expect(pending.appealedRatingIds).toContain(m.rating_id);

    const staffView = await listAppealsForStaff(t.db, {});
    expect(staffView.find((a) => a.id === filed.appealId)).toMatchObject({ status: 'pending', contactPhone: '13800000000', mediaIds: [expect.any(Number)] });

    const decided = await decideAppeal(t.db, { appealId: filed.appealId, decision: 'upheld', note: '核实为施工单位材料，撤销黑旗。', actor: inspector, now: TEST_TODAY });
    expect(decided).toEqual({ ok: true, merchantCode: m.code, segmentCode: m.segment_code });
    const after = (await getMerchantPage(t.db, { code: m.code }))!;
    expect(after.strip.at(-1)).toMatchObject({ flag: 'black', revoked: true });
    expect(after.standing!.flag).toBe('none');
    expect(after.standing!.blackCount).toBe(before.standing!.blackCount - 1);
    expect(after.appeals[0]).toMatchObject({ status: 'upheld', decisionNote: '核实为施工单位材料，撤销黑旗。' });
    const list = await getFlagList(t.db, { flag: 'black', subject: 'merchant', month: LAST });
    expect(list.entries.map((e) => e.code)).not.toContain(m.code);

    const audit = await queryRows<{ action: string }>(t.db, sql`select action from audit_log where entity_type = 'appeal' and entity_id = ${String(filed.appealId)} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['appeal.file', 'appeal.uphold']);

    const again = await decideAppeal(t.db, { appealId: filed.appealId, decision: 'rejected', note: '重复处理', actor: inspector, now: TEST_TODAY });
    expect(again).toMatchObject({ ok: false, error: 'already_decided' });
  });

  it('a flag can be appealed once; a rejected appeal keeps the flag', async () => {
    const m = await blackInLastMonth(4);
    const code = await merchantAgreementCode(t.db, m.code);
    const filed = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, code), photos: [], ip: '10.0.0.3', now: TEST_TODAY });
    expect(filed.ok).toBe(true);
    const twice = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, code), photos: [], ip: '10.0.0.3', now: TEST_TODAY });
    expect(twice).toMatchObject({ ok: false, error: 'already_appealed' });
    if (!filed.ok) return;
    expect(await decideAppeal(t.db, { appealId: filed.appealId, decision: 'rejected', note: '', actor: inspector })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await decideAppeal(t.db, { appealId: filed.appealId, decision: 'rejected', note: '现场照片显示门前堆放杂物。', actor: inspector })).toMatchObject({ ok: true });
    const page = (await getMerchantPage(t.db, { code: m.code }))!;
    expect(page.standing!.flag).toBe('black');
    expect(page.appeals[0]!.status).toBe('rejected');
  });

  it('staff scoped to another street may not decide', async () => {
    const m = await blackInLastMonth(5);
    const filed = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, await merchantAgreementCode(t.db, m.code)), photos: [], ip: '10.0.0.4', now: TEST_TODAY });
    if (!filed.ok) throw new Error(filed.message);
    const [other] = await queryRows<{ id: number }>(t.db, sql`select id from area_units where level = 'street' and id <> (select street_id from merchants where code = ${m.code}) limit 1`);
    const r = await decideAppeal(t.db, { appealId: filed.appealId, decision: 'upheld', note: '同意', actor: { ...inspector, scopeType: 'street', scopeAreaId: other!.id } });
    expect(r).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('the credit code identifies a merchant that has one', async () => {
    const [m] = await queryRows<{ code: string; credit_code: string; rating_id: number }>(
      t.db,
      sql`select m.code, m.credit_code, r.id as rating_id from merchants m join ratings r on r.merchant_id = m.id
          where m.credit_code is not null and r.month = ${monthDate(LAST)} and r.flag = 'black'
            and not exists (select 1 from appeals a where a.rating_id = r.id) limit 1`,
    );
    if (!m) return; // the seed gives credit codes to some merchants only
    const filed = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, m.credit_code), photos: [], ip: '10.0.0.5', now: TEST_TODAY });
    expect(filed.ok).toBe(true);
  });

  it('refuses after the appeal window, for a red month, for another merchant’s flag, and bad input field by field', async () => {
    const m = await blackInLastMonth(6);
    const code = await merchantAgreementCode(t.db, m.code);
    const late = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, code), photos: [], ip: '10.0.0.6', now: new Date('2026-12-20T10:00:00+08:00') });
    expect(late).toMatchObject({ ok: false, error: 'window_closed' });
    expect(!late.ok && late.message).toContain('申诉期为公布后 30 天');
    const [red] = await queryRows<{ id: number }>(t.db, sql`select r.id from ratings r join merchants m on m.id = r.merchant_id where m.code = ${m.code} and r.flag <> 'black' limit 1`);
    if (red) expect(await fileAppeal(t.db, { merchantCode: m.code, fields: fields(red.id, code), photos: [], ip: '10.0.0.6', now: TEST_TODAY })).toMatchObject({ ok: false, error: 'not_appealable' });
    const foreign = await blackInLastMonth(7);
    expect(await fileAppeal(t.db, { merchantCode: m.code, fields: fields(foreign.rating_id, code), photos: [], ip: '10.0.0.6', now: TEST_TODAY })).toMatchObject({ ok: false, error: 'not_appealable' });
    const bad = await fileAppeal(t.db, { merchantCode: m.code, fields: { ratingId: 'x', identity: '', statement: '短' }, photos: [], ip: '10.0.0.6', now: TEST_TODAY });
    expect(bad).toMatchObject({ ok: false, error: 'invalid' });
    expect(!bad.ok && Object.keys(bad.fields ?? {}).sort()).toEqual(['identity', 'ratingId', 'statement']);
    const notPhoto = await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, code), photos: [{ data: Buffer.from('not an image at all'), name: 'x.txt' }], ip: '10.0.0.6', now: TEST_TODAY });
    expect(notPhoto).toMatchObject({ ok: false, error: 'invalid', fields: { photos: expect.any(String) } });
  });

  it('is rate limited per IP, before the code is checked', async () => {
    const m = await blackInLastMonth(8);
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(await fileAppeal(t.db, { merchantCode: m.code, fields: fields(m.rating_id, 'ZZZZ-ZZZZ'), photos: [], ip: '10.9.9.9', now: TEST_TODAY }));
    }
    expect(results.slice(0, 10).every((r) => !r.ok && r.error === 'wrong_code')).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, error: 'rate_limited' });
  });
});
