// Runs once when the server process starts (Next's instrumentation hook): the console's own shutdown on SIGTERM.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installShutdown } = await import('@/lib/web/shutdown');
  installShutdown();
}
