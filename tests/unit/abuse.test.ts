import { describe, expect, it } from 'vitest';
import { assertRateLimit, rateLimitMessage, rateLimitVerdict, validIdempotencyKey, waitText, windowOf } from '@/lib/domain/abuse';
import { clientIp, DEVICE_COOKIE, deviceHash, newDeviceId, validDeviceId } from '@/lib/abuse/client';
import { requestHash } from '@/lib/abuse/idempotency';
import { encodePowPayload, powPayloadFresh } from '@/lib/abuse/pow-client';

describe('fixed windows', () => {
  it.each([
    ['2026-11-18T02:03:20Z', 600, '2026-11-18T02:00:00.000Z', '2026-11-18T02:10:00.000Z'],
    ['2026-11-18T02:10:00Z', 600, '2026-11-18T02:10:00.000Z', '2026-11-18T02:20:00.000Z'],
    ['2026-11-18T02:09:59.999Z', 600, '2026-11-18T02:00:00.000Z', '2026-11-18T02:10:00.000Z'],
    ['2026-11-18T02:03:20Z', 86_400, '2026-11-18T00:00:00.000Z', '2026-11-19T00:00:00.000Z'],
    ['2026-11-18T02:03:20Z', 3600, '2026-11-18T02:00:00.000Z', '2026-11-18T03:00:00.000Z'],
    ['2026-11-18T02:03:20Z', 7, '2026-11-18T02:03:18.000Z', '2026-11-18T02:03:25.000Z'],
  ])('%s in a %i s window runs from %s to %s', (now, seconds, start, end) => {
    const w = windowOf(new Date(now), seconds);
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual([start, end]);
  });
});

describe('rate-limit verdict', () => {
  const now = new Date('2026-11-18T02:03:20Z');
  const tenMinutes = { windowSeconds: 600, max: 5 };
  const day = { windowSeconds: 86_400, max: 20 };

  it('passes while every window is at or under its max', () => {
    expect(rateLimitVerdict(now, [{ limit: tenMinutes, count: 5 }, { limit: day, count: 20 }])).toEqual({ ok: true });
  });

  it('refuses with the wait until the window that is over ends', () => {
    expect(rateLimitVerdict(now, [{ limit: tenMinutes, count: 6 }, { limit: day, count: 6 }])).toEqual({ ok: false, retryAfterSeconds: 400, limit: tenMinutes });
  });

  it('names the longest wait when several windows are over', () => {
    expect(rateLimitVerdict(now, [{ limit: tenMinutes, count: 6 }, { limit: day, count: 21 }])).toEqual({ ok: false, retryAfterSeconds: 79_000, limit: day });
  });

  it('never asks to wait less than a second', () => {
    expect(rateLimitVerdict(new Date('2026-11-18T02:09:59.999Z'), [{ limit: tenMinutes, count: 6 }])).toMatchObject({ retryAfterSeconds: 1 });
  });

  it.each([
    [{ windowSeconds: 0, max: 1 }],
    [{ windowSeconds: 1.5, max: 1 }],
    [{ windowSeconds: 400 * 86_400, max: 1 }],
    [{ windowSeconds: 60, max: -1 }],
    [{ windowSeconds: 60, max: Number.NaN }],
  ])('rejects the limit %j', (limit) => {
    expect(() => assertRateLimit(limit)).toThrow(RangeError);
  });
});

describe('rate-limit message', () => {
  it.each([
    [1, '1 分钟'],
    [59, '1 分钟'],
    [60, '1 分钟'],
    [61, '2 分钟'],
    [400, '7 分钟'],
    [3540, '59 分钟'],
    [3541, '1 小时'],
    [3600, '1 小时'],
    [3601, '2 小时'],
    [79_000, '22 小时'],
    [86_400, '24 小时'],
  ])('%i s reads %s, rounded up', (seconds, text) => {
    expect(waitText(seconds)).toBe(text);
  });

  it('says what was too frequent and when to come back', () => {
    expect(rateLimitMessage({ ok: false, retryAfterSeconds: 451, limit: { windowSeconds: 600, max: 5 } }, '提交')).toBe('提交太频繁，请 8 分钟后再试。');
    expect(rateLimitMessage({ ok: false, retryAfterSeconds: 7200, limit: { windowSeconds: 86_400, max: 20 } }, '查询')).toBe('查询太频繁，请 2 小时后再试。');
  });
});

describe('idempotency keys', () => {
  it.each(['0f8fad5b-d9cb-469f-a165-70867728950e', 'abcdefghijklmnop', 'A_b-'.repeat(25)])('accepts %s', (key) => {
    expect(validIdempotencyKey(key)).toBe(true);
  });

  it.each([undefined, null, 42, '', 'short', 'abcdefghijklmno', 'a'.repeat(101), 'has space in it 123', 'ünïcödé-key-0123456', 'semi;colon;key;1234', ['abcdefghijklmnop']])(
    'rejects %j',
    (key) => {
      expect(validIdempotencyKey(key)).toBe(false);
    },
  );

  it('hashes a request independently of key order, and tells different requests apart', () => {
    expect(requestHash({ a: 1, b: [1, { c: 'x', d: null }] })).toBe(requestHash({ b: [1, { d: null, c: 'x' }], a: 1 }));
    expect(requestHash({ a: 1, skipped: undefined })).toBe(requestHash({ a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash(['a', 'b'])).not.toBe(requestHash(['b', 'a']));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
    expect(requestHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('client IP', () => {
  const ip = (headers: Record<string, string>) => clientIp(new Headers(headers));

  it.each([
    [{ 'x-forwarded-for': '203.0.113.7' }, '203.0.113.7'],
    [{ 'x-forwarded-for': '203.0.113.7, 10.0.0.1, 10.0.0.2' }, '203.0.113.7'],
    [{ 'x-forwarded-for': ' 203.0.113.7 ,10.0.0.1' }, '203.0.113.7'],
    [{ 'x-forwarded-for': '203.0.113.7:51234' }, '203.0.113.7'],
    [{ 'x-forwarded-for': '2001:DB8::1' }, '2001:db8::1'],
    [{ 'x-forwarded-for': '[2001:db8::1]:443' }, '2001:db8::1'],
    [{ 'x-forwarded-for': '::ffff:203.0.113.7' }, '203.0.113.7'],
    [{ 'x-real-ip': '198.51.100.2' }, '198.51.100.2'],
    [{ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '198.51.100.2' }, '203.0.113.7'],
    [{ 'x-forwarded-for': 'unknown', 'x-real-ip': '198.51.100.2' }, '198.51.100.2'],
    [{ 'x-forwarded-for': 'report:ip:*; drop table', 'x-real-ip': 'evil' }, 'unknown'],
    [{ 'x-forwarded-for': '999.1.1.1' }, 'unknown'],
    [{ 'x-forwarded-for': '' }, 'unknown'],
    [{}, 'unknown'],
  ])('%j → %s', (headers, expected) => {
    expect(ip(headers)).toBe(expected);
  });
});

describe('device hash', () => {
  it('never changes its scheme: stored hashes must keep matching their devices', () => {
    expect(deviceHash('abc', 'secret')).toBe('04ad6d70c68d11bd90ca20097a0d52c9');
  });

  it('is 32 hex characters, stable for a device and secret', () => {
    const id = newDeviceId();
    expect(deviceHash(id, 'secret')).toMatch(/^[0-9a-f]{32}$/);
    expect(deviceHash(id, 'secret')).toBe(deviceHash(id, 'secret'));
  });

  it('differs per device and per secret, and does not contain the cookie', () => {
    const id = newDeviceId();
    expect(deviceHash(id, 'secret')).not.toBe(deviceHash(newDeviceId(), 'secret'));
    expect(deviceHash(id, 'secret')).not.toBe(deviceHash(id, 'other secret'));
    expect(deviceHash(id, 'secret')).not.toContain(id.toLowerCase());
  });

  it('issues cookie values it accepts, and refuses made-up ones', () => {
    expect(DEVICE_COOKIE).toBe('lz_device');
    const ids = new Set(Array.from({ length: 100 }, newDeviceId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(validDeviceId(id)).toBe(true);
    for (const bad of [undefined, '', 'x', 'a'.repeat(23), 'a'.repeat(21), '../../etc/passwd000000', 42]) expect(validDeviceId(bad)).toBe(false);
  });
});

describe('proof-of-work payload', () => {
  it('is base64 of the JSON challenge and solution, without the code challenge', () => {
    const challenge = {
      parameters: { algorithm: 'PBKDF2/SHA-256', nonce: 'aa', salt: 'bb', cost: 5, keyLength: 32, keyPrefix: 'cc', expiresAt: 1 },
      signature: 'dd',
      codeChallenge: { image: 'data:' },
    };
    const payload = encodePowPayload(challenge, { counter: 7, derivedKey: 'ee', time: 12 });
    expect(JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))).toEqual({
      challenge: { parameters: challenge.parameters, signature: 'dd' },
      solution: { counter: 7, derivedKey: 'ee' },
    });
  });

  it('is fresh until a minute before its challenge expires', () => {
    const expiresAt = Date.parse('2026-11-18T02:10:00Z') / 1000;
    const payload = encodePowPayload(
      { parameters: { algorithm: 'PBKDF2/SHA-256', nonce: 'aa', salt: 'bb', cost: 5, keyLength: 32, keyPrefix: 'cc', expiresAt }, signature: 'dd' },
      { counter: 1, derivedKey: 'ee' },
    );
    expect(powPayloadFresh(payload, 60, new Date('2026-11-18T02:08:59Z'))).toBe(true);
    expect(powPayloadFresh(payload, 60, new Date('2026-11-18T02:09:00Z'))).toBe(false);
    expect(powPayloadFresh(payload, 0, new Date('2026-11-18T02:09:59Z'))).toBe(true);
    for (const bad of [null, undefined, '', 'garbage!', btoa('{}'), btoa('{"challenge":{"parameters":{"expiresAt":"soon"}}}')]) expect(powPayloadFresh(bad)).toBe(false);
  });
});
