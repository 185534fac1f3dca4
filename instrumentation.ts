// Runs once in each server process before it handles requests (Next.js instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The socket's address for sign-in limits and the audit log (see lib/web/peer-address.ts).
  const { installPeerAddressStamp } = await import('./lib/web/peer-address');
  installPeerAddressStamp();
  // The console's own shutdown on SIGTERM/SIGINT (lib/web/shutdown.ts).
  const { installShutdown } = await import('./lib/web/shutdown');
  installShutdown();
}
