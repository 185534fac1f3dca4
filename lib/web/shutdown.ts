import { shutdownGraceMs } from '@/lib/config';
import { remote } from '@/lib/remote';

// SIGTERM (and SIGINT) under load. Next's own handler closes the listening socket and waits for the requests under
// way before it exits; under load that never happened: clients on keep-alive connections kept sending requests,
// requests queued on hosts kept waiting, probe rounds kept reconnecting. So on the signal the console also refuses
// every new remote call and closes every host connection (the calls on them fail at once and their requests answer),
// and exits after a short grace whatever is still open: a job cut here is `interrupted`, and the next console
// reconciles it from the host, as after a kill.

const EXIT_CODES: Record<'SIGTERM' | 'SIGINT', number> = { SIGTERM: 143, SIGINT: 130 };
let installed = false;

function onSignal(signal: 'SIGTERM' | 'SIGINT'): void {
  const graceMs = shutdownGraceMs();
  remote.shutdown();
  setTimeout(() => process.exit(EXIT_CODES[signal]), graceMs).unref();
}

/** Installs the handlers once per process (instrumentation.ts calls it when the server starts). */
export function installShutdown(): void {
  if (installed) return;
  installed = true;
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
