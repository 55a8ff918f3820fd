import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Browser and network assertions poll; on a loaded CI machine a push can take a few seconds.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
