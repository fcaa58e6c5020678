import { describe, expect, it } from 'vitest';
import { cleanText, containsMarkup, normalizeMobile, parseReportFields } from '@/lib/domain/report';

const base = { segment: 'QH-0001', category: 'S0102' };

describe('normalizeMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
  ])('accepts %s', (input, out) => expect(normalizeMobile(input)).toBe(out));
  it.each(['12800138000', '1380013800', '138001380001', '010-12345678', 'abc', ''])('refuses %s', (input) => expect(normalizeMobile(input)).toBeNull());
});

describe('containsMarkup and cleanText', () => {
  it.each(['<script>alert(1)</script>', '< img src=x onerror=1>', '<!-- x -->', 'javascript:alert(1)', '</b>'])('finds markup in %s', (s) => expect(containsMarkup(s)).toBe(true));
  it.each(['坑深度<5厘米', '3 < 5', '价格>100元', '邮箱 a@b.cn'])('lets plain text through: %s', (s) => expect(containsMarkup(s)).toBe(false));
  it('drops control and bidi characters, keeps line breaks', () => {
    expect(cleanText('  井盖\u0000坏了\u202e\r\n\r\n\r\n\r\n第二行\u200b ')).toBe('井盖坏了\n\n第二行');
  });
});

describe('parseReportFields', () => {
  it('accepts a minimal report and normalises what people type', () => {
    const r = parseReportFields({ segment: ' qh－0001 ', category: 's0102', description: ' 垃圾没人清 ' });
    expect(r).toEqual({
      ok: true,
      fields: { segment: 'QH-0001', category: 'S0102', description: '垃圾没人清', address: '', lat: null, lng: null, name: '', phone: null, consent: false },
    });
  });

  it('requires a category', () => {
    expect(parseReportFields({ segment: 'QH-0001' })).toEqual({ ok: false, errors: { category: '请选择问题类型。' } });
    expect(parseReportFields({ segment: 'QH-0001', category: '' })).toEqual({ ok: false, errors: { category: '请选择问题类型。' } });
    expect(parseReportFields({ segment: 'QH-0001', category: 'DROP TABLE' })).toEqual({ ok: false, errors: { category: '问题类型无效，请重新选择。' } });
  });

  it('requires a place: a segment, an address or a location', () => {
    expect(parseReportFields({ category: 'S0102' })).toMatchObject({ ok: false, errors: { segment: '请选择问题所在的路段，或填写详细地址。' } });
    expect(parseReportFields({ category: 'S0102', address: '中山路 12 号门口' }).ok).toBe(true);
    expect(parseReportFields({ category: 'S0102', lat: '30.5', lng: '114.3' }).ok).toBe(true);
  });

  it('refuses a malformed segment code, bad coordinates and half a location', () => {
    expect(parseReportFields({ ...base, segment: "QH-0001' or 1=1" }).ok).toBe(false);
    expect(parseReportFields({ ...base, lat: '91', lng: '114' })).toMatchObject({ ok: false, errors: { location: expect.stringContaining('位置信息无效') } });
    expect(parseReportFields({ ...base, lat: 'NaN', lng: '114' })).toMatchObject({ ok: false, errors: { location: expect.any(String) } });
    expect(parseReportFields({ ...base, lat: '30.5' })).toMatchObject({ ok: false, errors: { location: '位置信息不完整，请重新点“使用我的位置”或填写地址。' } });
  });

  it('refuses HTML and script in the description and overlong text, with the limit in the message', () => {
    expect(parseReportFields({ ...base, description: '<script>alert(1)</script>' })).toEqual({
      ok: false,
      errors: { description: '问题描述里不能包含网页代码（如尖括号标签），请用文字描述。' },
    });
    expect(parseReportFields({ ...base, description: '堵'.repeat(500) }).ok).toBe(true);
    expect(parseReportFields({ ...base, description: '堵'.repeat(501) })).toEqual({ ok: false, errors: { description: '问题描述最多 500 个字。' } });
    // An Open311 client gets the spec's 4,000; the form's limit is unchanged by that.
    expect(parseReportFields({ ...base, description: '堵'.repeat(4000) }, { descriptionMax: 4000 }).ok).toBe(true);
    expect(parseReportFields({ ...base, description: '堵'.repeat(4001) }, { descriptionMax: 4000 })).toEqual({ ok: false, errors: { description: '问题描述最多 4000 个字。' } });
    expect(parseReportFields({ ...base, description: '堵'.repeat(501) }).ok).toBe(false);
    // Counted in characters, not UTF-16 units: 500 emoji are 500 characters.
    expect(parseReportFields({ ...base, description: '😀'.repeat(500) }).ok).toBe(true);
    expect(parseReportFields({ ...base, address: '路'.repeat(101) })).toMatchObject({ ok: false, errors: { address: '详细地址最多 100 个字。' } });
  });

  it('checks the phone and asks for consent only when a name or phone is left', () => {
    expect(parseReportFields({ ...base, phone: '12345' })).toMatchObject({ ok: false, errors: { phone: expect.stringContaining('11 位中国大陆手机号') } });
    expect(parseReportFields({ ...base, phone: '13800138000' })).toMatchObject({ ok: false, errors: { consent: expect.stringContaining('勾选同意') } });
    expect(parseReportFields({ ...base, name: '王先生' })).toMatchObject({ ok: false, errors: { consent: expect.any(String) } });
    expect(parseReportFields({ ...base, name: '王先生', phone: '138 0013 8000', consent: 'on' })).toMatchObject({
      ok: true,
      fields: { name: '王先生', phone: '13800138000', consent: true },
    });
    expect(parseReportFields({ ...base, consent: 'on' })).toMatchObject({ ok: true, fields: { consent: false } });
  });

  it('reports every broken field at once', () => {
    const r = parseReportFields({ segment: 'bad code!', category: '', description: '<b>x</b>', phone: '1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['category', 'description', 'phone', 'segment']);
  });
});
