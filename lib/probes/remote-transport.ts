// The console's probe transport: everything over the host's pooled SSH connection (lib/remote): Docker API calls
// and container execs through the forwarded Docker socket, host commands as argv over SSH.
import { remote, asDockerError } from '@/lib/remote';
import { listContainers } from '@/lib/fleet/containers';
import {
  compileServiceMatcher,
  getServicePatterns,
  type ServiceMatcher,
} from '@/lib/settings/service-patterns';
import { demuxDockerLog } from './container-log';
import {
  detailsOf,
  type ContainerDetails,
  type ContainerRef,
  type ExecOutcome,
  type ProbeTransport,
} from './transport';

export function remoteProbeTransport(matcher?: ServiceMatcher): ProbeTransport {
  let isService: Promise<ServiceMatcher> | null = matcher ? Promise.resolve(matcher) : null;
  return {
    async listServiceContainers(hostId: string): Promise<ContainerRef[]> {
      isService ??= getServicePatterns().then(compileServiceMatcher);
      const all = await listContainers(hostId, await isService);
      return all.filter((c) => c.isService).map((c) => ({ id: c.id, name: c.name }));
    },
    async inspect(hostId: string, container: string): Promise<ContainerDetails> {
      const d = await remote.docker(hostId);
      try {
        const info = await d.getContainer(container).inspect();
        return detailsOf(info);
      } catch (err) {
        throw asDockerError(err, hostId, `inspect ${container}`);
      }
    },
    execInContainer(hostId, container, argv, opts): Promise<ExecOutcome> {
      return remote.execInContainer(hostId, container, argv, {
        stdin: opts.stdin,
        timeoutMs: opts.timeoutMs,
      });
    },
    execOnHost(hostId, argv, opts): Promise<ExecOutcome> {
      return remote.exec(hostId, argv, { timeoutMs: opts.timeoutMs });
    },
    async containerLogs(hostId, container, opts): Promise<string> {
      const d = await remote.docker(hostId);
      try {
        const buf = (await d.getContainer(container).logs({
          stdout: true,
          stderr: true,
          timestamps: true,
          follow: false,
          since: opts.since,
          tail: opts.tail,
        })) as unknown as Buffer;
        return demuxDockerLog(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)));
      } catch (err) {
        throw asDockerError(err, hostId, `logs of ${container}`);
      }
    },
  };
}
