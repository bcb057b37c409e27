import type { NextConfig } from 'next';

/**
 * Next serves pages and HTTP routes inside our own server process (server/index.ts), which also owns the
 * WebSocket rooms. better-sqlite3 is a native addon, so it must stay outside the bundle.
 */
const nextConfig: NextConfig = {
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
