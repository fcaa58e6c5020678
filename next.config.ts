import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'sharp'],
  // The embedded database lives in .data/; it must never be traced into a deployment.
  outputFileTracingExcludes: { '/*': ['.data/**'] },
  poweredByHeader: false,
};

export default nextConfig;
