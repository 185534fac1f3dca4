import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gpuForContainer, parseApps, parseCgroups, parseGpus } from '@/lib/probes/gpu';
import { LogWatch } from '@/lib/probes/log-watch';
import { demuxDockerLog, newLines } from '@/lib/probes/container-log';
import { evidenceWindow } from '@/lib/diagnosis/events';
import type { HostGpu, ProbeLogChunk } from '@/lib/probes/types';
import { QUEUE_FULL_MSG, heygem } from './real-lines';

const C1 = 'a'.repeat(64);
const C2 = '0123456789abcdef'.repeat(4);

describe('GPU attribution from nvidia-smi', () => {
  // Real `--format=csv,noheader,nounits` output shapes, including the [N/A] nvidia-smi prints for missing values.
  const gpus = parseGpus(
    '0, GPU-5f0e3b4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b, NVIDIA GeForce RTX 4090, 37, 9012, 24564\n',
  );
  const apps = parseApps(
    '31337, 4012, GPU-5f0e3b4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\n31400, [N/A], GPU-5f0e3b4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\n',
  );
  const cgroups = parseCgroups(
    `/proc/31337/cgroup:0::/system.slice/docker-${C1}.scope\n/proc/31400/cgroup:12:memory:/docker/${C2}\n/proc/31400/cgroup:0::/docker/${C2}\n`,
  );

  it('parses devices, processes and both cgroup layouts', () => {
    expect(gpus).toEqual([
      {
        index: 0,
        uuid: 'GPU-5f0e3b4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        name: 'NVIDIA GeForce RTX 4090',
        utilPct: 37,
        memUsedMiB: 9012,
        memTotalMiB: 24564,
      },
    ]);
    expect(apps.map((a) => [a.pid, a.usedMiB])).toEqual([
      [31337, 4012],
      [31400, null],
    ]);
    expect([...cgroups]).toEqual([
      [31337, C1],
      [31400, C2],
    ]);
  });

  it('gives a container the utilisation of the GPU its processes use, and 0 % when it has none', () => {
    const host: HostGpu = {
      available: true,
      devices: gpus,
      processes: apps.map((a) => ({ ...a, containerId: cgroups.get(a.pid) ?? null })),
    };
    expect(gpuForContainer(host, C1)).toEqual({
      available: true,
      utilPct: 37,
      memUsedMiB: 4012,
      pids: [31337],
    });
    expect(gpuForContainer(host, 'f'.repeat(64))).toEqual({
      available: true,
      utilPct: 0,
      memUsedMiB: 0,
      pids: [],
    });
    expect(gpuForContainer({ available: false, reason: 'no nvidia-smi' }, C1)).toMatchObject({
      available: false,
      utilPct: null,
    });
  });
});

function chunk(
  path: string,
  text: string,
  from = 0,
  kind: ProbeLogChunk['kind'] = 'new',
): ProbeLogChunk {
  const data = Buffer.from(text);
  const head = data.subarray(0, 256);
  return {
    path,
    ino: '1:2',
    size: from + data.length,
    kind,
    from,
    data: data.toString('base64'),
    headLen: head.length,
    headHash: createHash('sha1').update(head).digest('hex'),
  };
}

describe('log watch across the files of one container', () => {
  it('counts a line HeyGem wrote to both log/dh.log and stdout once, but real repeats every time', () => {
    const w = new LogWatch();
    w.setClock(8 * 3600);
    const a = heygem('2025-03-23 23:13:34', '1002', QUEUE_FULL_MSG, 'ERROR');
    const b = heygem('2025-03-23 23:13:40', '1003', QUEUE_FULL_MSG, 'ERROR');
    w.accept(chunk('/app/HeyGem-Linux-Python-Hack/log/dh.log', `${a}\n${b}\n`));
    w.accept(chunk('/tmp/gradio.log', `${a}\nsome print\n${b}\n${b}\n`));
    const everything = evidenceWindow(Date.parse('2025-03-24T00:00:00Z'), 10_000_000, null);
    expect(w.summarize(everything).current.queue_full).toEqual({
      count: 3,
      taskIds: ['1002', '1003'],
      first: '2025-03-23 23:13:34',
      last: '2025-03-23 23:13:40',
      // Written in UTC+8: the same moments in UTC.
      firstAt: Date.parse('2025-03-23T15:13:34Z'),
      lastAt: Date.parse('2025-03-23T15:13:40Z'),
    });
    expect(w.takeFreshHits().map((h) => h.taskId)).toEqual(['1002', '1003', '1003']);
    expect(w.takeFreshHits()).toEqual([]);
  });
});

describe('container log through the Docker API', () => {
  it('demultiplexes stdout/stderr frames and keeps only lines newer than the last round', () => {
    const frame = (stream: number, text: string) => {
      const head = Buffer.alloc(8);
      head[0] = stream;
      head.writeUInt32BE(Buffer.byteLength(text), 4);
      return Buffer.concat([head, Buffer.from(text)]);
    };
    const text = demuxDockerLog(
      Buffer.concat([
        frame(1, '2025-03-23T23:13:34.100000000Z [1]a\n'),
        frame(2, '2025-03-23T23:13:34.2Z Bus error (core dumped)\n'),
      ]),
    );
    const cursor = { lastTs: null };
    expect(newLines(text, cursor)).toEqual([
      { ts: '2025-03-23T23:13:34.100000000Z', text: '[1]a' },
      { ts: '2025-03-23T23:13:34.2Z', text: 'Bus error (core dumped)' },
    ]);
    // Docker's `since` has whole seconds: the same lines come again, and are dropped.
    expect(newLines(`${text}2025-03-23T23:13:35Z next\n`, cursor)).toEqual([
      { ts: '2025-03-23T23:13:35Z', text: 'next' },
    ]);
  });
});

describe('compose file', () => {
  it('finds the shm_size of the labelled service, and none when another service has it', async () => {
    const { shmSizeOf, composeLabels } = await import('@/lib/probes/compose');
    const yaml = [
      'name: starpainting',
      'services:',
      '  redis:',
      '    image: redis',
      '    shm_size: 1g',
      '  digital-human-service:',
      '    image: heygem:latest',
      '    # shm_size: 8g (commented out)',
      '    deploy:',
      '      resources: {}',
      '    shm_size: "2gb"  # the lasting fix',
      'volumes:',
      '  shm_size: {}',
    ].join('\r\n');
    expect(shmSizeOf(yaml, 'digital-human-service')).toBe('2gb');
    expect(
      shmSizeOf(
        yaml.replace('    shm_size: "2gb"  # the lasting fix', '    restart: always'),
        'digital-human-service',
      ),
    ).toBeNull();
    expect(
      composeLabels({
        'com.docker.compose.project': 'starpainting',
        'com.docker.compose.service': 'digital-human-service',
        'com.docker.compose.project.config_files': '/srv/starpainting/docker-compose.yml',
      }),
    ).toEqual({
      project: 'starpainting',
      service: 'digital-human-service',
      configFiles: ['/srv/starpainting/docker-compose.yml'],
    });
    expect(composeLabels({})).toBeNull();
  });
});
