import { describe, expect, it } from 'vitest';
import { signTrackAccess, trackCookieOptions, verifyTrackAccess } from '@/lib/cases/track-access';
import { CITIZEN_WRITE_MESSAGE, TRACK_MESSAGE, parseRating, parseReopen, parseTrackLookup, windowPassedMessage } from '@/lib/domain/track-input';

describe('parseTrackLookup', () => {
  it.each([
    [{ number: '20261122-0042', code: 'ACD467' }, { number: '20261122-0042', code: 'ACD467', phoneLast4: null }],
    [{ number: ' ２０２６１１２２－００４２ ', code: ' acd 467 ' }, { number: '20261122-0042', code: 'ACD467', phoneLast4: null }],
    [{ number: '202611220042', code: 'ＡＣＤ４６７' }, { number: '20261122-0042', code: 'ACD467', phoneLast4: null }],
    [{ number: '20261122 0042', phone4: ' ８０００ ' }, { number: '20261122-0042', code: null, phoneLast4: '8000' }],
    [{ number: '20261122-0042', phone4: '80-00' }, { number: '20261122-0042', code: null, phoneLast4: '8000' }],
  ])('normalises %j', (raw, value) => {
    expect(parseTrackLookup(raw)).toEqual({ ok: true, value });
  });

  it('uses the code when both a code and phone digits are given', () => {
    expect(parseTrackLookup({ number: '20261122-0042', code: 'ACD467', phone4: '12' })).toEqual({
      ok: true,
      value: { number: '20261122-0042', code: 'ACD467', phoneLast4: null },
    });
  });

  it.each([
    [{ code: 'ACD467' }, { number: TRACK_MESSAGE.numberMissing }],
    [{ number: '   ', code: 'ACD467' }, { number: TRACK_MESSAGE.numberMissing }],
    [{ number: 'hello', code: 'ACD467' }, { number: TRACK_MESSAGE.numberInvalid }],
    [{ number: '<script>alert(1)</script>', code: 'ACD467' }, { number: TRACK_MESSAGE.numberInvalid }],
    [{ number: '2026-11-22', code: 'ACD467' }, { number: TRACK_MESSAGE.numberInvalid }],
    [{ number: '20261122-0042' }, { code: TRACK_MESSAGE.proofMissing }],
    [{ number: '20261122-0042', code: ' ', phone4: '' }, { code: TRACK_MESSAGE.proofMissing }],
    [{ number: '20261122-0042', code: 'ACD46' }, { code: TRACK_MESSAGE.codeLength }],
    [{ number: '20261122-0042', code: 'ACD4677' }, { code: TRACK_MESSAGE.codeLength }],
    [{ number: '20261122-0042', phone4: '123' }, { phone4: TRACK_MESSAGE.phone4Invalid }],
    [{ number: '20261122-0042', phone4: '12345' }, { phone4: TRACK_MESSAGE.phone4Invalid }],
    [{ number: '20261122-0042', phone4: '12a4' }, { phone4: TRACK_MESSAGE.phone4Invalid }],
    [{ number: 'x', phone4: '1' }, { number: TRACK_MESSAGE.numberInvalid, phone4: TRACK_MESSAGE.phone4Invalid }],
  ])('refuses %j with a precise message per field', (raw, errors) => {
    expect(parseTrackLookup(raw)).toEqual({ ok: false, errors });
  });

  it('refuses a very long number or phone field instead of cutting it to something valid', () => {
    expect(parseTrackLookup({ number: '9'.repeat(5000), code: 'ACD467' })).toEqual({ ok: false, errors: { number: TRACK_MESSAGE.numberInvalid } });
    expect(parseTrackLookup({ number: `20261122-0042${' '.repeat(100)}`, code: 'ACD467' })).toEqual({ ok: false, errors: { number: TRACK_MESSAGE.numberInvalid } });
    expect(parseTrackLookup({ number: '20261122-0042', phone4: `1234${' '.repeat(100)}` })).toEqual({ ok: false, errors: { phone4: TRACK_MESSAGE.phone4Invalid } });
  });

  it('names the characters of a code that no lookup code contains', () => {
    const r = parseTrackLookup({ number: '20261122-0042', code: 'AB0O1I' });
    expect(r).toEqual({ ok: false, errors: { code: '查询码里不会有“B”“0”“O”“1”“I”这样的字符（为免看错，不用 0、O、1、I 等），请核对回执上的查询码。' } });
    const markup = parseTrackLookup({ number: '20261122-0042', code: '<b>' });
    expect(markup.ok ? '' : markup.errors.code).toContain('“<”');
  });
});

describe('parseRating', () => {
  it('takes 1–5 stars, a cleaned comment and the page version', () => {
    expect(parseRating({ stars: '4', comment: '  很快就修好了\u0000 ', version: '7' })).toEqual({ ok: true, value: { stars: 4, comment: '很快就修好了', version: 7 } });
    expect(parseRating({ stars: '5', version: '1' })).toEqual({ ok: true, value: { stars: 5, comment: '', version: 1 } });
  });

  it.each([null, '', '0', '6', '3.5', 'five', '1 OR 1=1'])('refuses stars %j', (stars) => {
    expect(parseRating({ stars, version: '3' })).toEqual({ ok: false, errors: { stars: TRACK_MESSAGE.starsMissing } });
  });

  it('refuses a comment over 200 characters (counted as characters, not bytes) and one with markup', () => {
    expect(parseRating({ stars: '5', comment: '好'.repeat(200), version: '2' }).ok).toBe(true);
    expect(parseRating({ stars: '5', comment: '好'.repeat(201), version: '2' })).toEqual({ ok: false, errors: { comment: '评价内容最多 200 个字。' } });
    expect(parseRating({ stars: '5', comment: '😀'.repeat(200), version: '2' }).ok).toBe(true);
    expect(parseRating({ stars: '5', comment: '<script>alert(1)</script>', version: '2' })).toEqual({
      ok: false,
      errors: { comment: '评价内容里不能包含网页代码（如尖括号标签），请只写文字。' },
    });
  });

  it.each([null, '', '0', '-1', 'abc', '1.5'])('refuses page version %j', (version) => {
    expect(parseRating({ stars: '5', version })).toEqual({ ok: false, errors: { version: TRACK_MESSAGE.versionInvalid } });
  });
});

describe('parseReopen', () => {
  it('requires a reason of at most 300 characters without markup', () => {
    expect(parseReopen({ reason: ' 井盖还是松的 ', version: '9' })).toEqual({ ok: true, value: { reason: '井盖还是松的', version: 9 } });
    expect(parseReopen({ reason: '  ', version: '9' })).toEqual({ ok: false, errors: { reason: TRACK_MESSAGE.reasonMissing } });
    expect(parseReopen({ version: '9' })).toEqual({ ok: false, errors: { reason: TRACK_MESSAGE.reasonMissing } });
    expect(parseReopen({ reason: '坑'.repeat(300), version: '9' }).ok).toBe(true);
    expect(parseReopen({ reason: '坑'.repeat(301), version: '9' })).toEqual({ ok: false, errors: { reason: '未解决的原因最多 300 个字。' } });
    expect(parseReopen({ reason: '<img src=x onerror=alert(1)>', version: '9' })).toEqual({
      ok: false,
      errors: { reason: '未解决的原因里不能包含网页代码（如尖括号标签），请只写文字。' },
    });
  });
});

describe('write messages', () => {
  it('say the window in days from the setting', () => {
    expect(windowPassedMessage(7)).toBe(CITIZEN_WRITE_MESSAGE.window_passed);
    expect(windowPassedMessage(14)).toContain('已超过办结后 14 天');
  });
});

describe('track access token', () => {
  const now = new Date('2026-11-18T02:00:00Z');
  const base = { secret: 's'.repeat(32), number: '20261118-0007', lookupCode: 'ACD467' };

  it('verifies for its own case, code and secret until it expires 30 days later', () => {
    const token = signTrackAccess({ ...base, now });
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyTrackAccess({ ...base, token, now })).toBe(true);
    expect(verifyTrackAccess({ ...base, token, now: new Date(now.getTime() + 30 * 86_400_000 - 1000) })).toBe(true);
    expect(verifyTrackAccess({ ...base, token, now: new Date(now.getTime() + 30 * 86_400_000) })).toBe(false);
    expect(verifyTrackAccess({ ...base, number: '20261118-0008', token, now })).toBe(false);
    expect(verifyTrackAccess({ ...base, lookupCode: 'ACD469', token, now })).toBe(false);
    expect(verifyTrackAccess({ ...base, secret: 't'.repeat(32), token, now })).toBe(false);
  });

  it.each([undefined, null, '', '.', 'abc.def', '1.' + 'A'.repeat(43), 'x'.repeat(500), '99999999999.' + 'A'.repeat(43)])('refuses %j without throwing', (token) => {
    expect(verifyTrackAccess({ ...base, token, now })).toBe(false);
  });

  it('scopes the cookie to the case path, httpOnly and SameSite=Lax', () => {
    expect(trackCookieOptions('20261118-0007', true)).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/track/20261118-0007', maxAge: 30 * 86_400 });
  });
});
