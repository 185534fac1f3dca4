// Prints the closing line CI reads: "N passed, N failed, N skipped", summed over vitest's JSON reports.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`missing test report ${file}`);
    failed++;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A file that failed before any test ran (an error in beforeAll or at import) counts as one failure.
  const brokenFiles = (r.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + brokenFiles;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
