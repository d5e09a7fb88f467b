import { defineConfig } from 'vitest/config';

// Set here as well as in `test.env`, because the global setup runs in this (main) process and
// its AWS SDK client would otherwise warn about the Node 20 end of support on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    // One DynamoDB Local for the whole run; each test file gets its own table.
    globalSetup: ['test/support/dynamodb-global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks may start their own DynamoDB Local, which takes several seconds on a busy machine.
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
