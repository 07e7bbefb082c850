import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
          env: { TZ: 'UTC' },
          // timeouts guard against hangs, not speed (speed lives in pnpm bench): building an app and hashing
          // passwords in a hook can take over 10 s on a loaded 2-core machine
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/faults/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 120_000,
          // a browser screen under a loaded 2-core CI machine can take seconds to settle; vitest's 1 s poll default flakes
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
