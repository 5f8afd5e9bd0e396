import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests spawn processes and browsers; two cores are all a CI machine has.
    maxWorkers: 2,
    reporters: ['default', './tests/summary-reporter.ts'],
    // expect.poll waits for something a person would see happen (a refetch, a focus move);
    // on a loaded two-core machine that can take longer than vitest's 1 s default.
    expect: { poll: { timeout: 10_000 } },
  },
});
