import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'sharp', 'satori'],
  // The embedded database lives in .data/; it must never be traced into a deployment.
  outputFileTracingExcludes: { '/*': ['.data/**'] },
  // Board fonts are read from node_modules at run time; make sure deployments carry them.
  outputFileTracingIncludes: {
    '/signboards/**': ['./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf'],
    '/staff/signboards/**': ['./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf'],
    // 曝光台 / 点赞榜 share cards (opengraph-image) use the same fonts.
    '/exposure/**': ['./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf'],
    '/praise/**': ['./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf'],
  },
  poweredByHeader: false,
  devIndicators: false,
  // forbidden() and app/forbidden.tsx for staff pages a role may not open. Server actions carry uploads: the 随手拍 form without JavaScript posts up to 4 photos of 10 MB each
  // (report.maxPhotos × report.maxPhotoBytes), the logo form 2 MB; the app's own checks give the Chinese message.
  // (On Vercel the platform caps a request body at 4.5 MB; there the enhanced form, which shrinks photos first, is the way.)
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '42mb' } },
  // The e2e suite runs its own dev server beside a developer's without sharing build output.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
