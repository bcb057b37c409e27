import type { NextConfig } from 'next';

/**
 * Next serves pages and HTTP routes inside our own server process (server/index.ts), which also owns the
 * WebSocket rooms. better-sqlite3 is a native addon, so it must stay outside the bundle.
 */
const nextConfig: NextConfig = {
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // The server listens on 127.0.0.1 by default; without this, dev mode refuses its own HMR socket from there.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  reactStrictMode: true,
  // The whole project (server/, bench/, tests/ included) is type-checked once by `tsc --noEmit` in `npm test`;
  // a second check inside `next build` would only double the time and fail the build for non-app files.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
