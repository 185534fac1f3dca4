import { execInContainer } from './container-exec';
import { docker } from './docker';
import { durableState, execDurable, startDurable, stopDurable } from './durable-exec';
import { exec } from './exec';
import { closeAll, poolStats, resetPool } from './pool';
import { probeHostKey } from './probe-host-key';
import { closeTcpAgents, tcpAgent } from './tcp-agent';

// lib/remote is the only code that opens connections to hosts. Everything else goes through `remote`.

export { RemoteError, asDockerError, isTransient, type RemoteErrorKind } from './errors';
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
  resetForTests(): void {
    closeTcpAgents();
    resetPool();
  },
};
