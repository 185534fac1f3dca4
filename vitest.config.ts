import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Projects: `unit` needs nothing; `lab` and `engine` need `npm run lab:up`; `browser` also needs a built console.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/security/**/*.unit.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'lab',
          include: [
            'test/lab/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/security/**/*.lab.test.ts',
            'test/faults/**/*.test.ts',
          ],
          exclude: ['test/faults/docker-restart.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      // Restarts a lab host's Docker engine: run last, on its own, so that what a restarted engine does for a while
      // (exits of execs noticed late, seen once in a few runs) cannot slow another test.
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/faults/docker-restart.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
