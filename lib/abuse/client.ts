/**
 * Who is asking, as far as rate limits care: the client's IP as the platform reports it, and a device
 * hash from a random cookie. Neither identifies a person; the device hash cannot be turned back into the
 * cookie without the server secret.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/** The random per-device cookie (value from `newDeviceId()`); only its hash is ever stored. */
export const DEVICE_COOKIE = 'lz_device';

/**
 * Client IP from the request headers: the first hop of x-forwarded-for (Vercel sets the header itself
 * and drops what the client sent; a self-hosted reverse proxy must do the same, e.g. nginx
 * `proxy_set_header X-Forwarded-For $remote_addr`), then x-real-ip, else 'unknown'.
 * Anything that is not an IP address is skipped, so a forged header cannot pick an arbitrary bucket key.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0];
  return normaliseIp(forwarded) ?? normaliseIp(headers.get('x-real-ip')) ?? 'unknown';
}

function normaliseIp(value: string | null | undefined): string | null {
  let ip = value?.trim();
  if (!ip) return null;
  // Some proxies append a port: "203.0.113.7:5123", "[2001:db8::1]:443".
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  const version = isIP(ip);
  if (version === 0) return null;
  if (version === 4) return ip;
  ip = ip.toLowerCase();
  // An IPv4 client seen through a dual-stack socket counts as that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/** A stable, non-reversible per-device hash from a random device cookie value + server secret (HMAC-SHA256, hex, 32 chars). */
export function deviceHash(deviceId: string, secret: string): string {
  return createHmac('sha256', secret).update(`device:${deviceId}`).digest('hex').slice(0, 32);
}

/** A fresh device cookie value: 128 random bits, base64url (22 characters). */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/** Whether a cookie value is one `newDeviceId()` could have made; anything else gets a new cookie. */
export function validDeviceId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
}
