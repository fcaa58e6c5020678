import { describe, expect, it } from 'vitest';
import { sameOrigin } from '@/lib/public/request';

const post = (headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/publications/1/like', { method: 'POST', headers });

describe('sameOrigin (a public POST must come from the site’s own pages)', () => {
  it.each([
    [{ host: 'lz.example.cn', origin: 'https://lz.example.cn' }, true],
    [{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, true],
    [{ host: 'app.vercel.app', 'x-forwarded-host': 'lz.example.cn', origin: 'https://lz.example.cn' }, true],
    [{ host: 'lz.example.cn', referer: 'https://lz.example.cn/exposure/1' }, true],
    [{ host: 'lz.example.cn' }, true],
    [{ host: 'lz.example.cn', origin: 'https://evil.example' }, false],
    [{ host: 'lz.example.cn', origin: 'https://lz.example.cn.evil.example' }, false],
    [{ host: 'lz.example.cn', origin: 'null' }, false],
    [{ host: 'lz.example.cn', referer: 'https://evil.example/lz.example.cn' }, false],
    [{ host: 'lz.example.cn:443', origin: 'https://lz.example.cn:8443' }, false],
  ])('%o → %s', (headers, expected) => {
    expect(sameOrigin(post(headers))).toBe(expected);
  });
});
