import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Build tests run Eleventy over real content; give them room on a 2-core machine.
    // Build tests change the working directory for Eleventy: run files in separate processes.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    env: { TZ: 'Asia/Shanghai' },
  },
});
