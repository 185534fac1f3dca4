/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and stream-heavy server packages must be loaded by Node, not bundled.
  serverExternalPackages: ['ssh2', 'dockerode', 'docker-modem', 'cpu-features', 'better-sqlite3', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
};
export default nextConfig;
