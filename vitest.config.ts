import { defineConfig } from 'vitest/config';

/**
 * Three groups, run one after another so the heavy ones do not starve each other on a
 * 2-core machine: fast (unit, API, property; files in parallel), browser (one file at a
 * time: two at once made the slower journeys miss their waits), resilience
 * (kill/startup/backup spawn whole servers; one file at a time).
 */
const shared = {
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 180_000,
  pool: 'forks' as const,
  env: { NODE_ENV: 'test' },
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'fast', include: ['src/**/*.test.ts', 'test/api/**/*.test.ts', 'test/property/**/*.test.ts'], maxWorkers: 3, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'browser', include: ['test/browser/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } } },
      { test: { ...shared, name: 'resilience', include: ['test/resilience/**/*.test.ts'], maxWorkers: 1, fileParallelism: false, testTimeout: 600_000, sequence: { groupOrder: 2 } } },
    ],
  },
});
