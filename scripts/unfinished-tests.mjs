// Prints the test files that progress logs (test/reporters/progress-reporter.ts) planned but never saw end.
import { readProgress } from './progress-log.mjs';

for (const [file, result] of readProgress(process.argv.slice(2))) if (!result) console.log(file);
