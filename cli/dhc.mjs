#!/usr/bin/env node
// Launcher for the `dhc` bin: runs the TypeScript entry through tsx so the CLI shares lib/ with the server.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const r = spawnSync(
  process.execPath,
  [tsxCli, path.join(here, 'dhc.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
