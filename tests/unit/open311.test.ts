import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '@/lib/domain/case-flow';
import {
  checkJurisdiction,
  formatOf,
  jurisdictionId,
  open311Stage,
  open311Status,
  parsePostFields,
  parseRequestQuery,
  parseW3cTime,
  reportFieldsFromPost,
  splitFormat,
  statusesFor,
  w3cTime,
} from '@/lib/domain/open311';

const NOW = new Date('2026-11-23T04:00:00Z');
const DAY = 86_400_000;
const q = (o: Record<string, string>) => new URLSearchParams(o);

describe('W3C date-times', () => {
  it('writes China time with its offset', () => {
    expect(w3cTime(new Date('2026-11-22T16:30:05Z'))).toBe('2026-11-23T00:30:05+08:00');
  });
  it.each([
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T08:00:00+08:00', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T08:00+08:00', '2026-11-01T00:00:00.000Z'],
    ['2026-10-31T19:00:00.250-05:00', '2026-11-01T00:00:00.250Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('reads %s', (input, iso) => {
    expect(parseW3cTime(input)?.toISOString()).toBe(iso);
  });
  it.each(['2026-11-01', '2026-11-01T00:00:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2027-02-29T00:00:00Z', '2026-11-01T24:00:00Z', '2026-11-01T00:00:00+15:00', 'yesterday', ''])(
    'refuses %j',
    (input) => {
      expect(parseW3cTime(input)).toBeNull();
    },
  );
});

describe('formats and jurisdiction', () => {
  it('splits name and format, and answers unknown endings in XML', () => {
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitFormat('20261123-0001.xml')).toEqual({ name: '20261123-0001', format: 'xml' });
    expect(splitFormat('services.csv')).toBeNull();
    expect(splitFormat('services')).toBeNull();
    expect(formatOf('services.JSON')).toBe('json');
    expect(formatOf('services.csv')).toBe('xml');
  });
  it('serves one jurisdiction: none given or ours passes, another is 404', () => {
    const ours = jurisdictionId('https://www.luzhang.example.gov.cn/');
    expect(ours).toBe('luzhang.example.gov.cn');
    expect(checkJurisdiction(null, ours)).toBeNull();
    expect(checkJurisdiction('  ', ours)).toBeNull();
    expect(checkJurisdiction('LUZHANG.example.gov.cn', ours)).toBeNull();
    expect(checkJurisdiction('sfgov.org', ours)).toMatchObject({ status: 404, errors: [{ code: 404, description: expect.stringContaining('sfgov.org') }] });
  });
});

describe('GET requests arguments', () => {
  it('defaults to the last 90 days', () => {
    expect(parseRequestQuery(q({}), NOW)).toEqual({ ok: true, query: { kind: 'filter', serviceCodes: [], statuses: [], start: new Date(NOW.getTime() - 90 * DAY), end: NOW } });
  });
  it('a start alone runs 90 days or to now; an end alone goes back 90 days', () => {
    const start = new Date(NOW.getTime() - 10 * DAY);
    expect(parseRequestQuery(q({ start_date: start.toISOString() }), NOW)).toMatchObject({ ok: true, query: { start, end: NOW } });
    const early = new Date('2026-01-01T00:00:00Z');
    expect(parseRequestQuery(q({ start_date: '2026-01-01T00:00:00Z' }), NOW)).toMatchObject({ ok: true, query: { start: early, end: new Date(early.getTime() + 90 * DAY) } });
    const end = new Date('2026-06-01T00:00:00Z');
    expect(parseRequestQuery(q({ end_date: '2026-06-01T00:00:00Z' }), NOW)).toMatchObject({ ok: true, query: { start: new Date(end.getTime() - 90 * DAY), end } });
  });
  it('allows exactly 90 days and refuses a second more', () => {
    expect(parseRequestQuery(q({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' }), NOW)).toMatchObject({ ok: true });
    expect(parseRequestQuery(q({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' }), NOW)).toMatchObject({ ok: false, status: 400 });
  });
  it('service_request_id overrides every other argument, even bad ones', () => {
    expect(parseRequestQuery(q({ service_request_id: '20261123-0001, 20261123-0002', start_date: 'bad' }), NOW)).toEqual({ ok: true, query: { kind: 'ids', ids: ['20261123-0001', '20261123-0002'] } });
  });
  it('reads comma lists of service codes and statuses, and reports every mistake at once', () => {
    expect(parseRequestQuery(q({ service_code: 's0201,B0101', status: 'open,closed' }), NOW)).toMatchObject({ ok: true, query: { serviceCodes: ['S0201', 'B0101'], statuses: ['open', 'closed'] } });
    const bad = parseRequestQuery(q({ status: 'done', start_date: 'x', end_date: 'y' }), NOW);
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(bad.ok ? [] : bad.errors.map((e) => e.description)).toEqual([expect.stringContaining('status'), expect.stringContaining('start_date'), expect.stringContaining('end_date')]);
  });
});

describe('status', () => {
  it.each(CASE_STATUSES)('%s reads as open or closed with a stage and label', (status) => {
    const s = open311Status(status);
    expect(statusesFor(s)).toContain(status);
    expect(statusesFor(s === 'open' ? 'closed' : 'open')).not.toContain(status);
    expect(open311Stage(status).label).not.toBe('');
  });
  it('closed means 办结 or 未受理; a 退单 still reads as 处置中', () => {
    expect(open311Status('closed')).toBe('closed');
    expect(open311Status('rejected')).toBe('closed');
    expect(open311Status('handled')).toBe('open');
    expect(open311Stage('returned')).toEqual(open311Stage('dispatched'));
  });
});

describe('POST requests arguments', () => {
  it('takes the segment from attribute[segment], else address_id, and joins the name family-first', () => {
    const r = parsePostFields(q({ service_code: 's0201', address_id: 'QH-0001', 'attribute[segment]': 'QH-0002', first_name: '小明', last_name: '王' }));
    expect(r).toMatchObject({ ok: true, fields: { serviceCode: 'S0201', segment: 'QH-0002', name: '王小明' } });
    expect(parsePostFields(q({ service_code: 'S0201', address_id: 'QH-0001' }))).toMatchObject({ ok: true, fields: { segment: 'QH-0001' } });
  });
  it('maps onto the 随手拍 fields, consenting only when there is contact to consent to', () => {
    const r = parsePostFields(q({ service_code: 'S0201', lat: '30.5', long: '114.25', phone: '13800138000' }));
    if (!r.ok) throw new Error('refused');
    expect(reportFieldsFromPost(r.fields)).toMatchObject({ category: 'S0201', lat: '30.5', lng: '114.25', phone: '13800138000', consent: 'on' });
    const anon = parsePostFields(q({ service_code: 'S0201', address_string: '中山路' }));
    if (!anon.ok) throw new Error('refused');
    expect(reportFieldsFromPost(anon.fields).consent).toBeUndefined();
  });
  it('lists every mistake: no service_code, no location, half a location, out of range, too long', () => {
    const none = parsePostFields(q({}));
    expect(none.ok ? [] : none.errors.map((e) => e.description)).toEqual([expect.stringContaining('service_code'), expect.stringContaining('缺少位置')]);
    expect(parsePostFields(q({ service_code: 'S0201', long: '114' }))).toMatchObject({ ok: false, errors: [{ description: expect.stringContaining('lat 与 long') }] });
    expect(parsePostFields(q({ service_code: 'S0201', lat: '-90.0001', long: '0' }))).toMatchObject({ ok: false, errors: [{ description: expect.stringContaining('lat 超出范围') }] });
    expect(parsePostFields(q({ service_code: 'S0201', lat: '1e1', long: '0' }))).toMatchObject({ ok: false, errors: [{ description: expect.stringContaining('lat 必须是数字') }] });
    expect(parsePostFields(q({ service_code: 'S0201', address_string: 'x', description: '长'.repeat(4001) }))).toMatchObject({ ok: false, errors: [{ description: expect.stringContaining('最多 4,000') }] });
    expect(parsePostFields(q({ service_code: 'S0201', address_string: 'x', description: '长'.repeat(4000) }))).toMatchObject({ ok: true });
  });
});
