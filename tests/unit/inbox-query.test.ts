import { describe, expect, it } from 'vitest';
import { deadlineLabel, decodeCursor, encodeCursor, inboxHref, isOverdue, parseInboxQuery } from '@/lib/domain/inbox-query';

const now = new Date('2026-11-18T02:00:00Z');

describe('parseInboxQuery', () => {
  it('reads every filter of a link', () => {
    expect(parseInboxQuery({ status: 'accepted', street: '3', segment: '40', category: '7', source: 'hotline', overdue: '1', due: '24', sort: 'oldest', after: '-~42' })).toEqual({
      status: 'accepted',
      streetId: 3,
      segmentId: 40,
      categoryId: 7,
      source: 'hotline',
      overdue: true,
      dueWithinHours: 24,
      sort: 'oldest',
      after: { deadlineAt: null, id: 42 },
    });
  });

  it('drops malformed values instead of failing, and picks the tab’s default sort', () => {
    expect(parseInboxQuery({ status: 'nope', street: 'x', due: '99999', source: 'fax', overdue: 'maybe', after: "1'; drop" })).toEqual({
      status: 'submitted',
      streetId: undefined,
      segmentId: undefined,
      categoryId: undefined,
      source: undefined,
      overdue: false,
      dueWithinHours: undefined,
      sort: 'deadline',
      after: undefined,
    });
    expect(parseInboxQuery({ status: 'closed' }).sort).toBe('newest');
    expect(parseInboxQuery({ status: ['handled', 'closed'] }).status).toBe('handled');
  });
});

describe('cursors and links', () => {
  it('round-trips a cursor through a link', () => {
    const c = { deadlineAt: '2026-11-18T02:00:00.000Z', id: 17 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const href = inboxHref({ status: 'dispatched', streetId: 2, overdue: true, sort: 'deadline', after: c });
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(parseInboxQuery(params)).toMatchObject({ status: 'dispatched', streetId: 2, overdue: true, sort: 'deadline', after: c });
    expect(href).not.toContain('sort=');
  });

  it.each(['', '~1', '2026-13-45T99:00:00Z~1', '-~0', '-~99999999999', 'abc'])('refuses the cursor %j', (s) => {
    expect(decodeCursor(s)).toBeUndefined();
  });
});

describe('deadlines', () => {
  it('says how long is left or how far past it is', () => {
    expect(deadlineLabel(new Date(now.getTime() + 5 * 3_600_000), now)).toBe('剩 5 小时');
    expect(deadlineLabel(new Date(now.getTime() - 51 * 3_600_000), now)).toBe('超期 2 天 3 小时');
    expect(deadlineLabel(new Date(now.getTime() + 10 * 60_000), now)).toBe('剩 10 分钟');
    expect(deadlineLabel(null, now)).toBe('无时限');
  });

  it('counts only open cases past their deadline as overdue', () => {
    const past = new Date(now.getTime() - 1000);
    expect(isOverdue({ status: 'dispatched', deadlineAt: past }, now)).toBe(true);
    expect(isOverdue({ status: 'closed', deadlineAt: past }, now)).toBe(false);
    expect(isOverdue({ status: 'dispatched', deadlineAt: null }, now)).toBe(false);
  });
});
