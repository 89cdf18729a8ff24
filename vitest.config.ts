import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The platform tests start real clients against loopback servers; give them room on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Nothing may leave the machine: tests use loopback stand-ins only.
    env: { NODE_ENV: 'test' },
  },
});
