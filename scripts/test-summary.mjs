// Prints the closing line CI reads: "N passed, N failed, N skipped", from the progress logs of every vitest run
// (a file rerun after a stalled run counts once, by its last result; a file that never ended counts as a failure).
import fs from 'node:fs';
import { readProgress } from './progress-log.mjs';

const logs = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const log of logs) {
  if (!fs.existsSync(log) || !fs.readFileSync(log, 'utf8').includes('planned\t')) {
    console.log(`no tests recorded in ${log}`);
    failed++;
  }
}
for (const [file, result] of readProgress(logs)) {
  if (!result) {
    console.log(`never finished: ${file}`);
    failed++;
    continue;
  }
  passed += result.passed;
  failed += result.failed;
  skipped += result.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
