import { describe, expect, it } from 'vitest';
import { recreateSpec, specChanges, type InspectLike } from '@/lib/remedies/recreate-spec';

// Shape of `docker inspect` for a Compose-managed service container on a user network.
const inspect: InspectLike = {
  Name: '/starpainting-digital-human-service-1',
  Config: {
    Hostname: '3f2a1b4c5d6e',
    Image: 'heygem/heygem:latest',
    Env: ['PATH=/usr/bin', 'GRADIO_SERVER_PORT=7860'],
    Cmd: ['/usr/local/bin/dh-entrypoint'],
    Labels: {
      'com.docker.compose.project': 'starpainting',
      'com.docker.compose.service': 'digital-human-service',
    },
    WorkingDir: '/app/HeyGem-Linux-Python-Hack',
    AttachStdout: true,
  },
  HostConfig: {
    NetworkMode: 'starpainting_default',
    ShmSize: 67108864,
    Binds: ['/data/models:/app/models:ro'],
    RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
    DeviceRequests: [{ Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] }],
    PortBindings: { '7860/tcp': [{ HostIp: '', HostPort: '7860' }] },
  },
  NetworkSettings: {
    Networks: {
      starpainting_default: {
        Aliases: ['digital-human-service', '3f2a1b4c5d6e'],
        IPAMConfig: null,
      },
    },
  },
};

describe('recreateSpec', () => {
  const spec = recreateSpec(inspect, 'sha256:abc', 2 * 1024 ** 3);

  it('keeps the name, env, command, labels, mounts, GPU requests, ports and restart policy', () => {
    expect(spec.name).toBe('starpainting-digital-human-service-1');
    expect(spec.body.Env).toEqual(inspect.Config.Env);
    expect(spec.body.Cmd).toEqual(['/usr/local/bin/dh-entrypoint']);
    expect(spec.body.Labels).toEqual(inspect.Config.Labels);
    expect(spec.body.WorkingDir).toBe('/app/HeyGem-Linux-Python-Hack');
    const hc = spec.body.HostConfig as Record<string, unknown>;
    expect(hc.Binds).toEqual(inspect.HostConfig.Binds);
    expect(hc.DeviceRequests).toEqual(inspect.HostConfig.DeviceRequests);
    expect(hc.PortBindings).toEqual(inspect.HostConfig.PortBindings);
    expect(hc.RestartPolicy).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
    expect(spec.body.Hostname).toBe('3f2a1b4c5d6e');
  });

  it('sets only the new shm size and image, and keeps the network aliases but the old id', () => {
    expect((spec.body.HostConfig as Record<string, unknown>).ShmSize).toBe(2 * 1024 ** 3);
    expect(spec.body.Image).toBe('sha256:abc');
    expect(spec.body.AttachStdout).toBeUndefined();
    expect(spec.body.NetworkingConfig).toEqual({
      EndpointsConfig: { starpainting_default: { Aliases: ['digital-human-service'] } },
    });
    expect(specChanges(inspect, spec)).toEqual([
      { path: 'Image', before: 'heygem/heygem:latest', after: 'sha256:abc' },
      { path: 'HostConfig.ShmSize', before: 67108864, after: 2147483648 },
    ]);
  });

  it('labels the new container with the original it replaces, and shows that label in the diff', () => {
    const labelled = recreateSpec(inspect, 'sha256:abc', 2 * 1024 ** 3, 'f'.repeat(64));
    expect(labelled.body.Labels).toEqual({
      ...inspect.Config.Labels,
      'dh-console.replaces': 'f'.repeat(64),
    });
    expect(specChanges(inspect, labelled)).toContainEqual({
      path: 'Config.Labels.dh-console.replaces',
      before: null,
      after: 'f'.repeat(64),
    });
  });

  it('drops the hostname under host networking, where Docker refuses one', () => {
    const host = recreateSpec(
      {
        ...inspect,
        HostConfig: { ...inspect.HostConfig, NetworkMode: 'host' },
        NetworkSettings: { Networks: { host: {} } },
      },
      'img',
      1,
    );
    expect(host.body.Hostname).toBeUndefined();
    expect(host.body.NetworkingConfig).toBeUndefined();
  });
});
