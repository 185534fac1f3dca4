// Reads progress logs in order: each planned file maps to the counts of its last end, or null if it never ended.
import fs from 'node:fs';

export function readProgress(logs) {
  const files = new Map();
  for (const log of logs) {
    if (!fs.existsSync(log)) continue;
    for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
      const [event, file, passed, failed, skipped] = line.split('\t');
      if (event === 'planned' && !files.has(file)) files.set(file, null);
      if (event === 'ended')
        files.set(file, { passed: +passed, failed: +failed, skipped: +skipped });
    }
  }
  return files;
}
