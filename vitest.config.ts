import { defineConfig } from 'vitest/config';

// Set here as well as in `test.env`, because the global setup runs in this (main) process and
// its AWS SDK client would otherwise warn about the Node 20 end of support on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    // One DynamoDB Local for the whole run; each test file gets its own table.
    globalSetup: ['test/support/dynamodb-global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // A bound for a test that hangs, not a speed limit: the tests assert behaviour (every row paid once,
    // exactly 10 of 100 approvals), and `npm run bench` measures speed. On a loaded 2-core CI machine
    // tests that take 4 s on a quiet one have taken over 30 s (the redelivered batch chunk, the 100
    // concurrent approvals), so the bound is generous.
    testTimeout: 120_000,
    // Hooks may start their own DynamoDB Local, which takes several seconds on a busy machine.
    hookTimeout: 120_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
