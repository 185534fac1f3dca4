// How probes reach hosts and containers. The console's implementation (remote-transport.ts) goes through the
// pooled SSH connection of lib/remote; tests may use another real path (e.g. the docker CLI on a lab host's socket).
export interface ExecOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ContainerRef {
  id: string;
  name: string;
}

export interface ContainerDetails extends ContainerRef {
  running: boolean;
  shmSizeBytes: number | null;
  labels: Record<string, string>;
}

/** The part of Docker's container inspect the probes read (one mapping, whichever transport asked). */
export function detailsOf(info: {
  Id: string;
  Name: string;
  State?: { Running?: boolean; StartedAt?: string };
  HostConfig?: { ShmSize?: number };
  Config?: { Labels?: Record<string, string> | null };
}): ContainerDetails {
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    running: info.State?.Running === true,
    shmSizeBytes: typeof info.HostConfig?.ShmSize === 'number' ? info.HostConfig.ShmSize : null,
    labels: info.Config?.Labels ?? {},
  };
}

export interface ProbeTransport {
  listServiceContainers(hostId: string, timeoutMs: number): Promise<ContainerRef[]>;
  inspect(hostId: string, container: string, timeoutMs: number): Promise<ContainerDetails>;
  execInContainer(
    hostId: string,
    container: string,
    argv: string[],
    opts: { stdin?: string; timeoutMs: number },
  ): Promise<ExecOutcome>;
  execOnHost(hostId: string, argv: string[], opts: { timeoutMs: number }): Promise<ExecOutcome>;
  /** `docker logs --timestamps` output (demultiplexed) since a Unix time, or the last `tail` lines. */
  containerLogs?(
    hostId: string,
    container: string,
    opts: { since?: number; tail?: number; timeoutMs: number },
  ): Promise<string>;
}
