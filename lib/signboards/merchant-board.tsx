/**
 * A merchant's 《市容环境卫生责任牌》 (`/signboards/m/{code}.png|.svg|.pdf`): loaded from the merchant,
 * its segment's current chiefs and hotline, drawn with the road boards' machinery (drawBoardSvg: same
 * fonts, same vector QR, same PNG and PDF writers). 1 SVG unit = 1 mm.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { merchants, segments } from '../db/schema';
import { buildMerchantBoardContent, merchantBoardFingerprint, type MerchantBoardContent } from '../domain/merchant-board';
import { fitText, type BoardFormat } from '../domain/signboard';
import { env } from '../env';
import { currentChiefs, segmentHeaders } from '../segments/queries';
import { getSettings } from '../settings/queries';
import { drawBoardSvg, type Box, type RenderReport } from './render';
import { boardFile, type BoardFile } from './service';

/** Preview width in pixels of a 责任牌 PNG (enough for a phone and for a QR decoder). */
export const MERCHANT_PREVIEW_WIDTH = 900;

/** The public URL a merchant's QR holds: its standing page, and only ever that. */
export function merchantUrl(code: string): string {
  return `${env().PUBLIC_BASE_URL.replace(/\/+$/, '')}/m/${encodeURIComponent(code)}`;
}

export async function merchantBoardSize(db: Db): Promise<readonly [number, number]> {
  return (await getSettings(db, ['signboard.merchantSizeCm']))['signboard.merchantSizeCm'];
}

/** The board's content for an active merchant, or null. */
export async function loadMerchantBoard(db: Db, { code }: { code: string }): Promise<MerchantBoardContent | null> {
  const [m] = await db
    .select({
      code: merchants.code,
      name: merchants.name,
      address: merchants.address,
      segmentId: merchants.segmentId,
      segmentCode: segments.code,
      signedOn: merchants.agreementSignedOn,
      active: merchants.active,
    })
    .from(merchants)
    .innerJoin(segments, eq(segments.id, merchants.segmentId))
    .where(eq(merchants.code, code));
  if (!m || !m.active) return null;
  const [settings, chiefs, [seg]] = await Promise.all([
    getSettings(db, ['district.hotline', 'district.primaryColor']),
    currentChiefs(db, [m.segmentId]),
    segmentHeaders(db, { code: m.segmentCode }),
  ]);
  if (!seg) return null; // an inactive segment: no board until the merchant is moved
  return buildMerchantBoardContent({
    districtName: seg.districtName,
    merchantCode: m.code,
    merchantName: m.name,
    address: m.address,
    segmentCode: seg.code,
    segmentName: seg.name,
    streetName: seg.streetName,
    chiefs,
    hotline: seg.hotline ?? settings['district.hotline'],
    qrUrl: merchantUrl(m.code),
    primaryColor: settings['district.primaryColor'],
    agreementSignedOn: m.signedOn,
  });
}

/** Fixed geometry at a size (mm): header band, body at left, QR at right, footer band. */
export function merchantBoardLayout([widthCm, heightCm]: readonly [number, number]) {
  const W = Math.round(widthCm * 10);
  const H = Math.round(heightCm * 10);
  const unit = Math.min(W, H) / 400; // type scale: 1 at a 60×40 cm board
  const pad = Math.round(16 * unit);
  const header = Math.round(H * 0.16);
  const footer = Math.round(H * 0.12);
  const qrSize = Math.round(Math.min(W * 0.26, (H - header - footer) * 0.7));
  const qr: Box = { left: W - pad - qrSize, top: header + pad + Math.round(8 * unit), width: qrSize, height: qrSize };
  return { W, H, unit, pad, header, footer, qr };
}

export function merchantBoardElement(content: MerchantBoardContent, sizeCm: readonly [number, number]) {
  const L = merchantBoardLayout(sizeCm);
  const { W, H, unit, pad, header, footer } = L;
  const u = (n: number) => Math.round(n * unit * 10) / 10;
  const ink = '#111827';
  const white = '#ffffff';
  const mainWidth = W - 3 * pad - L.qr.width;
  const titleFit = fitText(content.title, { width: W * 0.62, height: header * 0.8 }, { max: u(44), min: u(16), maxLines: 1 });
  const nameFit = fitText(content.merchantName, { width: mainWidth, height: u(44) }, { max: u(38), min: u(12), maxLines: 1 });
  const areaText = `责任区域：${content.area}`;
  const areaFit = fitText(areaText, { width: mainWidth, height: u(40) }, { max: u(17), min: u(7), maxLines: 2 });
  const dutiesTop = header + pad + u(44) + u(46);
  const dutiesHeight = H - footer - pad - dutiesTop - u(24);
  const dutiesText = content.duties.map((d) => `【${d.title}】${d.text}`).join('\n');
  const dutiesFit = fitText(content.duties.map((d) => `【${d.title}】${d.text}`).join(''), { width: mainWidth, height: dutiesHeight - content.duties.length * u(4) }, { max: u(17), min: u(6), lineHeight: 1.35 });
  const chiefText = content.chiefs.length ? content.chiefs.map((c) => `${c.levelLabel} ${c.name} ${c.phone}`).join('　') : '路长：待任命';
  const chiefFit = fitText(chiefText, { width: W - 2 * pad, height: footer * 0.42 }, { max: u(17), min: u(6), maxLines: 1 });
  const text = (s: string, fontSize: number, extra: Record<string, unknown> = {}) => (
    <div style={{ display: 'flex', fontSize, lineHeight: 1.2, ...extra }}>{s}</div>
  );

  const root = (
    <div style={{ display: 'flex', flexDirection: 'column', width: W, height: H, backgroundColor: white, fontFamily: 'Noto Sans SC', color: ink, position: 'relative' }}>
      <div style={{ display: 'flex', height: header, backgroundColor: content.primaryColor, color: white, alignItems: 'center', justifyContent: 'space-between', padding: `0 ${pad}px` }}>
        {text(content.title, titleFit.size, { fontWeight: 700, letterSpacing: titleFit.size * 0.06 })}
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end' }}>
          {text(content.districtName, u(16), { fontWeight: 700 })}
          {text(`编号 ${content.merchantCode}`, u(16))}
        </div>
      </div>
      <div style={{ position: 'absolute', left: pad, top: header + pad, width: mainWidth, display: 'flex', flexDirection: 'column' }}>
        <div style={{ display: 'flex', height: u(44), alignItems: 'center', fontSize: nameFit.size, fontWeight: 700, color: content.primaryColor }}>{content.merchantName}</div>
        <div style={{ display: 'flex', height: u(44), width: mainWidth, fontSize: areaFit.size, lineHeight: 1.2 }}>{areaText}</div>
      </div>
      <div style={{ position: 'absolute', left: pad, top: dutiesTop, width: mainWidth, display: 'flex', flexDirection: 'column' }}>
        {text('门前三包责任', u(18), { fontWeight: 700, height: u(24), color: content.primaryColor })}
        {dutiesText.split('\n').map((line, i) => (
          <div key={i} style={{ display: 'flex', width: mainWidth, fontSize: dutiesFit.size, lineHeight: 1.35, marginBottom: u(4) }}>
            {line}
          </div>
        ))}
      </div>
      {/* Blank, white box: the vector QR is drawn into it afterwards. */}
      <div style={{ position: 'absolute', left: L.qr.left, top: L.qr.top, width: L.qr.width, height: L.qr.height, backgroundColor: white, display: 'flex' }} />
      <div style={{ position: 'absolute', left: L.qr.left - u(10), top: L.qr.top + L.qr.height + u(4), width: L.qr.width + u(20), display: 'flex', justifyContent: 'center' }}>
        {text(content.qrCaption, fitText(content.qrCaption, { width: L.qr.width + u(20), height: u(20) }, { max: u(14), min: u(6), maxLines: 1 }).size, { fontWeight: 700 })}
      </div>
      {content.signedOn ? (
        <div style={{ position: 'absolute', left: L.qr.left - u(10), top: L.qr.top + L.qr.height + u(26), width: L.qr.width + u(20), display: 'flex', justifyContent: 'center' }}>
          {text(`责任书签订：${content.signedOn}`, u(11), { color: '#374151' })}
        </div>
      ) : null}
      <div
        style={{
          position: 'absolute',
          left: 0,
          top: H - footer,
          width: W,
          height: footer,
          backgroundColor: content.primaryColor,
          color: white,
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'center',
          padding: `0 ${pad}px`,
        }}
      >
        {text(chiefText, chiefFit.size, { fontWeight: 700 })}
        {text(`监督电话：${content.hotline}　　${content.districtName}城市管理委员会 监制`, u(14), { marginTop: u(3) })}
      </div>
    </div>
  );
  return { root, layout: L };
}

export async function renderMerchantBoardSvg(content: MerchantBoardContent, sizeCm: readonly [number, number], report?: RenderReport): Promise<string> {
  const { root, layout } = merchantBoardElement(content, sizeCm);
  return drawBoardSvg(root, { width: layout.W, height: layout.H, qr: { url: content.qrUrl, box: layout.qr }, report });
}

/** One 责任牌 file; the ETag is the content hash, so an unchanged board is answered 304 and never drawn twice. */
export async function getMerchantBoardFile(
  db: Db,
  { code, format, ifNoneMatch }: { code: string; format: BoardFormat; ifNoneMatch?: string | null },
): Promise<BoardFile> {
  const content = await loadMerchantBoard(db, { code });
  if (!content) return { kind: 'missing' };
  const size = await merchantBoardSize(db);
  const hash = createHash('sha256').update(merchantBoardFingerprint(content, size)).digest('hex').slice(0, 32);
  return boardFile({
    etag: `"m-${hash}-${format}"`,
    ifNoneMatch,
    format,
    filename: `${content.merchantCode}-zerenpai.${format}`,
    drawSvg: () => renderMerchantBoardSvg(content, size),
    pngWidth: MERCHANT_PREVIEW_WIDTH,
    pdf: { size: { widthCm: size[0], heightCm: size[1] }, title: `市容环境卫生责任牌 ${content.merchantCode} ${content.merchantName}` },
  });
}
