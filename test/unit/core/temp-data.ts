import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb } from '@/lib/store/db';

/** Points the console at a fresh data directory; returns it. Call `dispose` after the test. */
export function useTempDataDir(): { dir: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-core-'));
  closeDb();
  process.env.CONSOLE_DATA_DIR = dir;
  delete process.env.CONSOLE_SECRET;
  return {
    dir,
    dispose: () => {
      closeDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
