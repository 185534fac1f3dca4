// Appends which test files were planned, started and ended (with their counts) to $DHC_PROGRESS_FILE as they
// happen, so that a run stopped by test/run-all.sh's time limit still tells which files never finished, and the
// closing summary (scripts/test-summary.mjs) counts what did.
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule, TestSpecification } from 'vitest/node';

const file = process.env.DHC_PROGRESS_FILE;

function note(...fields: (string | number)[]): void {
  if (file) fs.appendFileSync(file, `${fields.join('\t')}\n`);
}

const rel = (moduleId: string) => path.relative(process.cwd(), moduleId);

export default class ProgressReporter implements Reporter {
  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    for (const s of specifications) note('planned', rel(s.moduleId));
  }

  onTestModuleStart(module: TestModule): void {
    note('started', rel(module.moduleId));
  }

  onTestModuleEnd(module: TestModule): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const t of module.children.allTests()) count[t.result().state]++;
    // A file that failed before any test ran (an error at import or in beforeAll) counts as one failure.
    const failed = count.failed + (module.state() === 'failed' && count.failed === 0 ? 1 : 0);
    note('ended', rel(module.moduleId), count.passed, failed, count.skipped + count.pending);
  }
}
