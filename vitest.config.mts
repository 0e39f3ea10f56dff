import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The spawned command and the browser tests run the build: rebuilt here when a source is newer.
    globalSetup: ['test/helpers/fresh-build.ts'],
    // Generous: a bound on hangs, not a speed test (speed is measured by test/bench scripts),
    // and CI machines may be busy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for a page or a process to catch up: 1 s (the default) is too short on a
    // loaded machine. A poll that never succeeds still fails, 15 s later.
    expect: { poll: { timeout: 15_000 } },
    // Spawned commands, real servers and a real browser: two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
