import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import {
  BOARD_RENDER_VERSION,
  boardFingerprint,
  buildBoardContent,
  cleanBoardText,
  fitLogo,
  fitText,
  textWidthEm,
  type BoardInput,
} from '@/lib/domain/signboard';
import { liftDataUris, pathToPdfOps } from '@/lib/signboards/pdf';
import { QR_ERROR_CORRECTION, QR_QUIET_MODULES, qrSvgPath } from '@/lib/signboards/qr';

const base: BoardInput = {
  districtName: '清河区',
  segmentCode: 'QH-0001',
  segmentName: '中山路（建设一路—建设二路）',
  fromCross: '建设一路',
  toCross: '建设二路',
  streetName: '望江街道',
  communityName: '江滩社区',
  chiefs: [
    { level: 'total', name: '杨驰若', title: '区委副书记、区长', phone: '027-85000037', duties: '统筹协调。', patrolFrequency: 'biweekly' },
    { level: 'third', name: '张喆', title: '社区党委书记', phone: '027-85001924', duties: '每天巡查。', patrolFrequency: 'daily' },
  ],
  team: [
    { role: '环卫保洁员', name: '孟超婕', phone: null },
    { role: '环卫保洁员', name: '郭阳妍', phone: null },
  ],
  hotline: '12319',
  qrUrl: 'https://luzhang.example.cn/r/QH-0001',
  primaryColor: '#0b5cab',
  accentColor: '#c62828',
};

describe('board content', () => {
  it('lists every level in order and reads 待任命 where a level has nobody', () => {
    const c = buildBoardContent(base);
    expect(c.chiefRows.map((r) => `${r.levelLabel}:${r.name}`)).toEqual(['总路长:杨驰若', '一级路长:待任命', '二级路长:待任命', '三级路长:张喆']);
    expect(c.chiefRows.filter((r) => r.vacant)).toHaveLength(2);
  });

  it('shows no phone rather than a broken one when a chief has none', () => {
    const c = buildBoardContent({ ...base, chiefs: [{ ...base.chiefs[0]!, phone: null }] });
    expect(c.chiefRows[0]!.phone).toBe('');
  });

  it('groups the team by role', () => {
    expect(buildBoardContent(base).team).toEqual([{ role: '环卫保洁员', names: '孟超婕、郭阳妍' }]);
  });

  it('falls back to the default colours when settings hold something that is not a colour', () => {
    const c = buildBoardContent({ ...base, primaryColor: 'red; x', accentColor: '<script>' });
    expect(c.primaryColor).toBe('#0b5cab');
    expect(c.accentColor).toBe('#c62828');
  });

  it('a board with no chiefs at all still has four rows', () => {
    expect(buildBoardContent({ ...base, chiefs: [] }).chiefRows.every((r) => r.vacant)).toBe(true);
  });

  it('changes fingerprint when a phone changes, and not otherwise', () => {
    const a = boardFingerprint(buildBoardContent(base), 'landscape', [120, 80]);
    expect(boardFingerprint(buildBoardContent(base), 'landscape', [120, 80])).toBe(a);
    const changed = { ...base, chiefs: [{ ...base.chiefs[0]!, phone: '027-85000038' }, base.chiefs[1]!] };
    expect(boardFingerprint(buildBoardContent(changed), 'landscape', [120, 80])).not.toBe(a);
    expect(boardFingerprint(buildBoardContent(base), 'portrait', [60, 90])).not.toBe(a);
  });
});

describe('cleanBoardText', () => {
  it.each([
    ['王小明😀', '王小明'],
    ['👨‍👩‍👧 李四', '李四'],
    ['🇨🇳 张三', '张三'],
    ['a\u0000b\u200bc', 'a b c'],
    ['  多个   空格  ', '多个 空格'],
    ['喆堃彧犇昇', '喆堃彧犇昇'],
  ])('%j → %j', (input, expected) => {
    expect(cleanBoardText(input)).toBe(expected);
  });
});

describe('fitText', () => {
  it('keeps the largest size when the text fits', () => {
    expect(fitText('张喆', { width: 200, height: 50 }, { max: 32, min: 8 })).toEqual({ size: 32, lines: 1, fits: true });
  });

  it('shrinks a long name until it fits on its lines', () => {
    const r = fitText('古丽娜尔·艾尔肯江·阿不都热西提', { width: 200, height: 60 }, { max: 32, min: 8, maxLines: 2 });
    expect(r.fits).toBe(true);
    expect(r.size).toBeLessThan(32);
    expect(r.lines).toBeLessThanOrEqual(2);
    expect(textWidthEm('古丽娜尔·艾尔肯江·阿不都热西提') * r.size * 1.08).toBeLessThanOrEqual(200 * r.lines);
  });

  it('never reports fitting text that would overflow its box', () => {
    for (const n of [1, 10, 50, 200, 600]) {
      const text = '责'.repeat(n);
      const r = fitText(text, { width: 300, height: 120 }, { max: 30, min: 4, lineHeight: 1.3 });
      if (r.fits) expect(r.lines * r.size * 1.3).toBeLessThanOrEqual(120);
    }
  });

  it('says so when even the smallest size is too big, instead of cutting', () => {
    expect(fitText('责'.repeat(2000), { width: 100, height: 20 }, { max: 20, min: 10 }).fits).toBe(false);
  });

  it('counts Latin letters narrower than CJK', () => {
    expect(textWidthEm('QH-0001')).toBeLessThan(textWidthEm('路段编号甲乙丙'));
  });
});

describe('QR code', () => {
  it('uses error correction Q and a four-module quiet zone', () => {
    const url = 'https://luzhang.example.cn/r/QH-0001';
    const qr = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
    expect(qr.errorCorrectionLevel.bit).toBe(QRCode.create(url, { errorCorrectionLevel: 'Q' }).errorCorrectionLevel.bit);
    const { path, modules, moduleSize } = qrSvgPath(url, 300);
    expect(modules).toBe(qr.modules.size);
    expect(moduleSize * (modules + 2 * QR_QUIET_MODULES)).toBeCloseTo(300, 6);
    // Nothing is drawn in the quiet zone.
    const coords = [...path.matchAll(/[MHV]([\d.]+)(?: ([\d.]+))?/g)].flatMap((m) => [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])]);
    expect(Math.min(...coords)).toBeGreaterThanOrEqual(QR_QUIET_MODULES * moduleSize - 1e-3);
    expect(Math.max(...coords)).toBeLessThanOrEqual(300 - QR_QUIET_MODULES * moduleSize + 1e-3);
  });
});

describe('SVG path → PDF operators', () => {
  it('translates moves, lines and closes', () => {
    expect(pathToPdfOps('M1 2L3 4L5 6Z')).toBe('1 2 m\n3 4 l\n5 6 l\nh');
  });

  it('turns a quadratic into the equivalent cubic', () => {
    expect(pathToPdfOps('M0 0Q3 3 6 0')).toBe('0 0 m\n2 2 4 2 6 0 c');
  });

  it('handles H, V and comma separators', () => {
    expect(pathToPdfOps('M0,0H10V5H0Z')).toBe('0 0 m\n10 0 l\n10 5 l\n0 5 l\nh');
  });

  it('refuses commands it does not implement instead of drawing something else', () => {
    expect(() => pathToPdfOps('M0 0A5 5 0 0 1 10 10')).toThrow(/unsupported/);
    expect(() => pathToPdfOps('M0 0l5 5')).toThrow(/unsupported/);
  });
});

describe('district logo', () => {
  const logo = { sha256: 'a'.repeat(64), width: 600, height: 300, href: 'data:image/png;base64,AAAA' };

  it('leaves the fingerprint of a board without a logo exactly as it was before logos existed', () => {
    const content = buildBoardContent(base);
    expect(content.logo).toBeNull();
    const { logo: _none, ...legacy } = content;
    expect(boardFingerprint(content, 'landscape', [120, 80])).toBe(JSON.stringify([BOARD_RENDER_VERSION, 'landscape', [120, 80], legacy]));
  });

  it('changes every fingerprint when a logo is set or replaced, by its hash and not its bytes', () => {
    const without = boardFingerprint(buildBoardContent(base), 'landscape', [120, 80]);
    const withLogo = boardFingerprint(buildBoardContent({ ...base, logo }), 'landscape', [120, 80]);
    expect(withLogo).not.toBe(without);
    expect(withLogo).toContain(logo.sha256);
    expect(withLogo).not.toContain(logo.href);
    const replaced = boardFingerprint(buildBoardContent({ ...base, logo: { ...logo, sha256: 'b'.repeat(64) } }), 'landscape', [120, 80]);
    expect(replaced).not.toBe(withLogo);
  });

  it('drops a logo without a size rather than drawing it at nothing', () => {
    expect(buildBoardContent({ ...base, logo: { ...logo, width: 0 } }).logo).toBeNull();
  });

  it.each([
    [{ width: 600, height: 300 }, { width: 200, height: 80 }, { width: 160, height: 80 }],
    [{ width: 300, height: 900 }, { width: 200, height: 80 }, { width: 26.6, height: 80 }],
    [{ width: 1000, height: 100 }, { width: 200, height: 80 }, { width: 200, height: 20 }],
    [{ width: 50, height: 50 }, { width: 200, height: 80 }, { width: 80, height: 80 }],
  ])('fits a %o logo into %o keeping its aspect ratio', (img, box, expected) => {
    const fit = fitLogo(img, box);
    expect(fit).toEqual(expected);
    expect(fit.width).toBeLessThanOrEqual(box.width);
    expect(fit.height).toBeLessThanOrEqual(box.height);
    expect(fit.width / fit.height).toBeCloseTo(img.width / img.height, 1);
  });
});

describe('liftDataUris', () => {
  it('swaps embedded data: URIs for short references and keeps them in order', () => {
    const svg = '<svg><image href="data:image/png;base64,AAA="/><rect/><image x="1" href="data:image/jpeg;base64,BBB"/></svg>';
    const { svg: light, uris } = liftDataUris(svg);
    expect(light).toBe('<svg><image href="#embedded-0"/><rect/><image x="1" href="#embedded-1"/></svg>');
    expect(uris).toEqual(['data:image/png;base64,AAA=', 'data:image/jpeg;base64,BBB']);
  });

  it('leaves an SVG without them as it is', () => {
    const svg = '<svg><path d="M0 0L1 1"/><image href="#x"/></svg>';
    expect(liftDataUris(svg)).toEqual({ svg, uris: [] });
  });
});
