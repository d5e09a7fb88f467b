import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests that mutation testing (`npm run mutate`, see stryker.config.json) runs against each
 * mutant: the unit tests of the money rules and the ledger-store contract on both stores. They
 * finish in under a minute; the slower suites (the CDK stack, the HTTP system, the browser) guard
 * other things and would multiply the run's length by the number of mutants.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'],
      exclude: [
        'test/unit/cdk-stack.test.ts',
        'test/unit/line-width.test.ts',
        'test/unit/api/**',
        'test/unit/logger.test.ts',
        'test/unit/payouts/**',
      ],
    },
  }),
);
