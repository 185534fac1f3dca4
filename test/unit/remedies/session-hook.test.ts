// The session-options hook runs against the lab's onnxruntime stand-in wheel (the real API surface), installed
// with pip into a site directory, exactly as the remedy installs it into the `human` env.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const hookSource = path.join(repo, 'lib/remedies/assets/dh_console_session_options.py');
let dir = '';
let site = '';

const probe = `
import json, site, sys
site.addsitedir(sys.argv[1])
import onnxruntime as ort
s = ort.InferenceSession(b"tiny", providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
o = s.get_session_options()
mine = ort.SessionOptions(); mine.intra_op_num_threads = 4
s2 = ort.InferenceSession(b"tiny", sess_options=mine, providers=["CPUExecutionProvider"])
print(json.dumps({"intra": o.intra_op_num_threads, "inter": o.inter_op_num_threads,
  "mode": str(o.execution_mode), "callerIntra": s2.get_session_options().intra_op_num_threads}))
`;

function run(): { intra: number; inter: number; mode: string; callerIntra: number } {
  const out = execFileSync('python3', ['-c', probe, site], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-hook-'));
  site = path.join(dir, 'site');
  execFileSync(
    'python3',
    [path.join(repo, 'test/lab/payload/build_wheels.py'), path.join(dir, 'w'), '1.16.0'],
    { stdio: 'ignore' },
  );
  const wheel = fs.readdirSync(path.join(dir, 'w')).find((f) => f.endsWith('.whl'))!;
  execFileSync(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '-q',
      '--no-index',
      '--no-deps',
      '--target',
      site,
      path.join(dir, 'w', wheel),
    ],
    {
      stdio: 'ignore',
    },
  );
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('session-options hook', () => {
  it('without the hook, sessions keep ONNX Runtime defaults', () => {
    expect(run()).toMatchObject({ intra: 0, inter: 0, callerIntra: 4 });
  });

  it('with the hook, every session gets the options where the caller left the default', () => {
    fs.copyFileSync(hookSource, path.join(site, 'dh_console_session_options.py'));
    fs.writeFileSync(
      path.join(site, 'dh_console_session_options.pth'),
      'import dh_console_session_options\n',
    );
    expect(run()).toEqual({
      intra: 1,
      inter: 1,
      mode: 'ExecutionMode.ORT_SEQUENTIAL',
      callerIntra: 4,
    });
  });

  it('reads its values from the JSON file beside it, and removing the files undoes it', () => {
    fs.writeFileSync(
      path.join(site, 'dh_console_session_options.json'),
      JSON.stringify({ intra_op_num_threads: 2 }),
    );
    expect(run()).toMatchObject({ intra: 2, inter: 1 });
    for (const f of ['py', 'pth', 'json'])
      fs.rmSync(path.join(site, `dh_console_session_options.${f}`));
    expect(run()).toMatchObject({ intra: 0, inter: 0 });
  });
});
