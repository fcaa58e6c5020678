import type { NextConfig } from 'next';

/** The CJK font files boards and share cards read from node_modules at run time. */
const BOARD_FONTS = ['./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf'];

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'sharp', 'satori'],
  // The embedded database lives in .data/; it must never be traced into a deployment.
  outputFileTracingExcludes: { '/*': ['.data/**'] },
  // Routes that draw boards (road and merchant boards, the staff export) or share cards (曝光台 / 点赞榜
  // card.png) must carry the fonts into a deployment.
  outputFileTracingIncludes: {
    '/signboards/**': BOARD_FONTS,
    '/staff/signboards/**': BOARD_FONTS,
    '/exposure/**': BOARD_FONTS,
    '/praise/**': BOARD_FONTS,
  },
  poweredByHeader: false,
  devIndicators: false,
  // authInterrupts: forbidden() and app/forbidden.tsx for staff pages a role may not open.
  // Server actions carry uploads: the 随手拍 form without JavaScript posts up to 4 photos of 10 MB each
  // (report.maxPhotos × report.maxPhotoBytes); the app's own checks give the Chinese message below that.
  // On Vercel the platform caps a request body at 4.5 MB; there the enhanced form, which shrinks photos first, is the way.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '42mb' } },
  // The e2e suite runs its own dev server beside a developer's without sharing build output.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
