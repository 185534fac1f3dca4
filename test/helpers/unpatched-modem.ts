// For comparison runs only: makes a console started with the returned env load docker-modem *without* our patch
// (patches/docker-modem+5.0.7.patch reversed in a temporary copy), through a preload that redirects dockerode's
// require('docker-modem') to that copy. Nothing in the working tree or node_modules is changed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ORIGINAL_LINE = "debug('Sending: %s', util.inspect(options, {";

export interface UnpatchedModem {
  env: Record<string, string>;
  /** The line the server log shows when the preload is active. */
  marker: string;
  dispose(): void;
}

export function unpatchedModem(): UnpatchedModem {
  const patch = fs
    .readdirSync(path.join(root, 'patches'))
    .find((f) => f.startsWith('docker-modem+'));
  if (!patch) throw new Error('no docker-modem patch under patches/');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-unpatched-modem-'));
  const copy = path.join(dir, 'docker-modem');
  fs.cpSync(path.join(root, 'node_modules', 'docker-modem'), copy, { recursive: true });
  // The copy's own dependencies (debug, ssh2, ...) resolve from the project's node_modules.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync('patch', ['-R', '-s', '-p3', '-d', copy, '-i', path.join(root, 'patches', patch)]);
  const modemJs = fs.readFileSync(path.join(copy, 'lib', 'modem.js'), 'utf8');
  if (!modemJs.includes(ORIGINAL_LINE) || modemJs.includes('debug.enabled'))
    throw new Error('reversing the patch did not restore the original line');
  const marker = `dhc-bench: docker-modem UNPATCHED from ${copy}`;
  const preload = path.join(dir, 'use-unpatched-modem.cjs');
  fs.writeFileSync(
    preload,
    [
      "const Module = require('node:module');",
      'const resolve = Module._resolveFilename;',
      `const main = require.resolve(${JSON.stringify(copy)});`,
      "Module._resolveFilename = function (request, ...rest) { return request === 'docker-modem' ? main : resolve.call(this, request, ...rest); };",
      `process.stderr.write(${JSON.stringify(marker + '\n')});`,
      '',
    ].join('\n'),
  );
  return {
    env: { NODE_OPTIONS: `--require ${preload}` },
    marker,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
