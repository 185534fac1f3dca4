/** @type {import('next').NextConfig} */

// Sent with every page and API answer. Next.js inlines its bootstrap scripts (`self.__next_f.push(...)`), so
// scripts need 'unsafe-inline' without per-request nonces; every script and request stays on this origin.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];

const nextConfig = {
  // Native and stream-heavy server packages must be loaded by Node, not bundled.
  serverExternalPackages: [
    'ssh2',
    'dockerode',
    'docker-modem',
    'cpu-features',
    'better-sqlite3',
    'prom-client',
    're2',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // Server action bodies are counted while read and refused past this (413); the largest real one is a host
  // with a pasted private key, a few kB.
  experimental: { serverActions: { bodySizeLimit: '128kb' } },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};
export default nextConfig;
