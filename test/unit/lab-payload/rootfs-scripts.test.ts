// The image's own scripts (setup-env.sh, conda.sh, dh-entrypoint, apply-state.sh, wait-ready.sh) in an image-like
// sandbox: private mount and PID namespaces, so nothing they write or signal reaches the machine.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { PAYLOAD, freePort } from './payload-env';

const run = promisify(execFile);
// mount points the sandbox needs; any this test has to create are removed again afterwards
const MOUNT_POINTS = ['/app', '/usr/local/lib/dh-lab', '/var/lib/dh-lab', '/run/dh-gpu'];
const created = MOUNT_POINTS.filter((d) => !fs.existsSync(d));

afterAll(() => {
  for (const d of created) fs.rmdirSync(d); // empty again: the sandbox only mounted over them
});

it('setup-env builds the human env offline; the entrypoint applies DH_LAB_STATE, starts the service, stops only its own', async () => {
  for (const d of created) fs.mkdirSync(d, { recursive: true });
  const port = await freePort();
  const { stdout } = await run(
    'unshare',
    [
      '-m',
      '-p',
      '--fork',
      '--mount-proc',
      '--propagation',
      'private',
      path.join(__dirname, 'container-sandbox.sh'),
      PAYLOAD,
      String(port),
    ],
    { timeout: 50_000 },
  );
  const facts = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2).trim()]),
  );
  expect(facts.conda).toBe('human /opt/conda/envs/human /opt/conda/envs/human/bin/python none');
  expect(facts.pipconf).toBe('index-url = http://127.0.0.1:3141/simple/');
  expect(facts.built).toBe('Version: 1.18.0');
  expect(facts.ready).toBe('yes');
  expect(facts.state).toBe('Version: 1.16.0 batch_size = 1');
  expect(facts.providers).toBe("providers:['CUDAExecutionProvider', 'CPUExecutionProvider']");
  expect(facts.config).toBe('sse_v3');
  expect(facts['app-processes']).toBe('7'); // the service and its three producer/consumer pairs
  expect(facts['entrypoint-exit']).toBe('0');
  expect(facts.left).toBe('0');
}, 60_000);
