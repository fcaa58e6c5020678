/**
 * The Open Graph share card of an entry or a list (1200×630), with next/og and the boards' CJK font, so a
 * share in WeChat or elsewhere shows the title, the place and the column. Text only: no photo is fetched.
 */
import { ImageResponse } from 'next/og';
import { boardFonts } from '../signboards/fonts';
import { KIND_LABEL, type PublicationKind } from '../domain/publication';

export const CARD_SIZE = { width: 1200, height: 630 };

export interface CardContent {
  kind: PublicationKind;
  title: string;
  subtitle: string;
  districtName: string;
}

export function cardElement({ kind, title, subtitle, districtName }: CardContent) {
  const accent = kind === 'exposure' ? '#c62828' : '#0b7a3e';
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', background: '#ffffff', fontFamily: 'Noto Sans SC' }}>
      <div style={{ display: 'flex', background: accent, color: '#ffffff', padding: '36px 60px', fontSize: 52, fontWeight: 700 }}>
        {districtName} · {KIND_LABEL[kind]}
      </div>
      <div style={{ display: 'flex', flex: 1, flexDirection: 'column', justifyContent: 'center', padding: '0 60px' }}>
        <div style={{ display: 'flex', fontSize: title.length > 18 ? 56 : 68, fontWeight: 700, color: '#0f172a', lineHeight: 1.25 }}>{title}</div>
        <div style={{ display: 'flex', marginTop: 28, fontSize: 34, color: '#334155' }}>{subtitle}</div>
      </div>
      <div style={{ display: 'flex', padding: '24px 60px', borderTop: '4px solid #e2e8f0', fontSize: 30, color: '#475569' }}>路长通 · 路长制公众参与平台</div>
    </div>
  );
}

/** The PNG response; the fonts array is kept per process, so warm renders skip parsing the font. */
export async function renderCard(content: CardContent): Promise<ImageResponse> {
  const fonts = await boardFonts();
  return new ImageResponse(cardElement(content), {
    ...CARD_SIZE,
    fonts,
    // Ten minutes, as for the entries' photos: a withdrawn entry's card must leave shared caches soon.
    headers: { 'Cache-Control': 'public, max-age=600' },
  });
}
