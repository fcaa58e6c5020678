import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, STAFF_ROLES, type FlowActor, type StaffRole } from '@/lib/domain/case-flow';
import { checkMarkPublic, publicCasePhotoPath, markPublicEventLabel, type MarkPublicCase } from '@/lib/domain/public-case';
import { containsPhoneNumber, findPersonalData, validIdNumberChecksum } from '@/lib/domain/personal-data';
import { checkDraft } from '@/lib/domain/publication';

const actor = (roles: StaffRole[], over: Partial<FlowActor> = {}): FlowActor => ({
  userId: 1,
  roles,
  scopeType: 'district',
  scopeAreaId: null,
  chiefId: null,
  departmentId: null,
  ...over,
});

const closed: MarkPublicCase = {
  status: 'closed',
  level: 'segment',
  streetId: 11,
  districtId: 1,
  assigneeChiefId: 5,
  assigneeDepartmentId: null,
  segmentChiefIds: [5],
  isPublic: false,
  description: '路口的井盖松动，车压过去哐当响。',
  address: '中山路 12 号',
};

describe('who may mark a case 公开', () => {
  it.each(STAFF_ROLES.map((r) => [r] as const))('%s', (role) => {
    const desk = role === 'admin' || role === 'dispatcher';
    for (const makePublic of [true, false]) {
      const r = checkMarkPublic(actor([role]), closed, makePublic);
      expect(r.ok).toBe(desk);
      if (!r.ok) expect(r).toMatchObject({ code: 'forbidden', message: expect.stringContaining(makePublic ? '不能公开案件' : '不能取消公开案件') });
    }
  });

  it('a street desk only in its street, a chief-scoped account never', () => {
    expect(checkMarkPublic(actor(['dispatcher'], { scopeType: 'street', scopeAreaId: 11 }), closed, true)).toEqual({ ok: true });
    expect(checkMarkPublic(actor(['dispatcher'], { scopeType: 'street', scopeAreaId: 12 }), closed, true)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('管辖范围') });
    expect(checkMarkPublic(actor(['handler'], { scopeType: 'chief', chiefId: 5 }), closed, false)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('when a case may be marked 公开', () => {
  it.each(CASE_STATUSES.map((s) => [s] as const))('%s: marking only when closed, taking back always', (status) => {
    const c = { ...closed, status };
    const mark = checkMarkPublic(actor(['dispatcher']), c, true);
    expect(mark.ok).toBe(status === 'closed');
    if (!mark.ok) expect(mark).toMatchObject({ code: 'invalid', message: expect.stringContaining('结案后才能公开') });
    expect(checkMarkPublic(actor(['dispatcher']), { ...c, isPublic: true }, false)).toEqual({ ok: true });
  });

  it.each([
    ['a mobile number in the description', { description: '卖菜的摊主电话 138 0013 8000，天天占道。' }, 'description', '手机号码（138******8000）'],
    ['a landline in the address', { address: '中山路 12 号，门卫 027-85550001' }, 'address', '固定电话'],
    ['an ID number in the description', { description: '车主身份证 11010519491231002X 丢在路边' }, 'description', '身份证号码（110***********002X）'],
    ['full-width digits', { description: '联系１３９００００００００' }, 'description', '手机号码'],
  ])('refuses %s and says what and where', (_name, change, field, words) => {
    const r = checkMarkPublic(actor(['admin']), { ...closed, ...change }, true);
    expect(r).toMatchObject({ ok: false, code: 'invalid', field, message: expect.stringContaining(words) });
    // Taking such a case back is never refused.
    expect(checkMarkPublic(actor(['admin']), { ...closed, ...change, isPublic: true }, false)).toEqual({ ok: true });
  });
});

describe('findPersonalData', () => {
  it.each([
    ['13800138000', ['mobile']],
    ['电话:138-0013-8000。', ['mobile']],
    ['区号 0755-12345678 或 13912345678', ['landline', 'mobile']],
    ['身份证号 11010519491231002X', ['id_number']],
    ['身份证号 11010519491231002x', ['id_number']],
  ] as const)('finds %s', (text, kinds) => {
    expect(findPersonalData(text).map((h) => h.kind)).toEqual(kinds);
  });

  it.each([
    '案件 20261122-0042 已办结',
    '中山路 128 号，2026年11月18日下午3点',
    '订单号 110105194912310021（校验位不符，不是身份证号）',
    '路段 QH-0001 和 EQ-0123',
    '12345 热线转来的',
    '井盖 60 厘米，坑深 15 厘米',
  ])('leaves alone %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('checks the ID check character (GB 11643)', () => {
    expect(validIdNumberChecksum('11010519491231002X')).toBe(true);
    expect(validIdNumberChecksum('110105194912310021')).toBe(false);
    expect(validIdNumberChecksum('1101051949123100')).toBe(false);
  });

  it('is the phone check of 曝光台/点赞榜 drafts too', () => {
    expect(containsPhoneNumber('咨询 0755-12345678')).toBe(true);
    expect(checkDraft({ title: '表扬', body: '联系 13800138000', tags: [] })).toMatchObject({ ok: false, errors: { body: expect.stringContaining('电话号码') } });
    expect(checkDraft({ title: '表扬', body: '路长张师傅每天巡查。', tags: [] }).ok).toBe(true);
  });
});

describe('public paths and timeline words', () => {
  it('serves a public photo under the Open311 media path', () => {
    expect(publicCasePhotoPath('20261122-0042', 17)).toBe('/open311/media/20261122-0042/17.jpg');
  });

  it('names 公开 events on the staff timeline, other comments stay 备注', () => {
    expect(markPublicEventLabel('comment', { public: true, photos: [1] })).toBe('标记公开');
    expect(markPublicEventLabel('comment', { public: false })).toBe('取消公开');
    expect(markPublicEventLabel('comment', null)).toBeNull();
    expect(markPublicEventLabel('dispatch', { public: true })).toBeNull();
  });
});
