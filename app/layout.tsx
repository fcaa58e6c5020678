import type { Metadata, Viewport } from 'next';
import { env } from '@/lib/env';
import './globals.css';

/**
 * metadataBase makes share cards (og:image) and other metadata URLs absolute on the site's public address,
 * the one QR codes print, not on whatever host served the request (a deployment URL, localhost).
 */
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(env().PUBLIC_BASE_URL),
    title: { default: '路长通', template: '%s · 路长通' },
    description: '路长制公众参与平台：查看路段路长、随手拍反映问题、查询办理进度。',
    formatDetection: { telephone: false },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0b5cab',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
