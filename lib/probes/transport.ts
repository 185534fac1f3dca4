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

export interface ProbeTransport {
  listServiceContainers(hostId: string, timeoutMs: number): Promise<ContainerRef[]>;
  inspect(hostId: string, container: string, timeoutMs: number): Promise<ContainerDetails>;
  execInContainer(hostId: string, container: string, argv: string[], opts: { stdin?: string; timeoutMs: number }): Promise<ExecOutcome>;
  execOnHost(hostId: string, argv: string[], opts: { timeoutMs: number }): Promise<ExecOutcome>;
  /** `docker logs --timestamps` output (demultiplexed) since a Unix time, or the last `tail` lines. */
  containerLogs?(hostId: string, container: string, opts: { since?: number; tail?: number; timeoutMs: number }): Promise<string>;
}
