import { execInContainer } from './container-exec';
import { docker } from './docker';
import { durableState, execDurable, startDurable, stopDurable } from './durable-exec';
import { exec } from './exec';
import { closeAll, poolStats, resetPool } from './pool';
import { probeHostKey } from './probe-host-key';
import { markStopping, resetLifecycle } from './lifecycle';
import { closeTcpAgents, tcpAgent } from './tcp-agent';

// lib/remote is the only code that opens connections to hosts. Everything else goes through `remote`.

export {
  RemoteError,
  asDockerError,
  busyError,
  isTransient,
  BUSY_RETRY_AFTER_S,
  type RemoteErrorKind,
} from './errors';
export { QueueFullError, Semaphore } from './semaphore';
export type { ExecOptions, ExecResult } from './exec';
export type { ContainerExecOptions } from './container-exec';
export type { DurableHandle, DurableOptions, DurableState } from './durable-exec';
export type { HostConnectionStats } from './pool';
export { quoteArgv, quoteArg } from './shell-quote';
export { fingerprintOf } from './fingerprint';

export const remote = {
  docker,
  exec,
  execInContainer,
  execDurable,
  startDurable,
  durableState,
  stopDurable,
  tcpAgent,
  probeHostKey,
  stats: poolStats,
  closeAll(): void {
    closeTcpAgents();
    closeAll();
  },
  /** Console stopping: refuse every new call and close every connection, failing the calls still on them. */
  shutdown(): void {
    markStopping();
    closeTcpAgents();
    closeAll();
  },
  resetForTests(): void {
    resetLifecycle();
    closeTcpAgents();
    resetPool();
  },
};
