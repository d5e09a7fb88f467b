import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests that mutation testing (`npm run mutate`, see stryker.config.json) runs against each
 * mutant: the unit tests (the money rules, the SEPA file, the logger's BSN masking, the API's
 * fields) and the ledger-store contract on both stores. They finish in under a minute; the
 * slower suites (the CDK stack, the HTTP system, the browser) guard other things and would
 * multiply the run's length by the number of mutants. Built from the base
 * config's `test` options rather than with `mergeConfig`, which would concatenate the `include`
 * lists and so run every suite.
 */
export default defineConfig({
  test: {
    ...base.test,
    // Read by the slow property test on DynamoDB Local, which then makes fewer runs per mutant.
    env: { ...base.test?.env, MUTATION_TESTING: 'true' },
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'],
    // The CDK stack's tests take a minute; the line-width test reads the sources, which Stryker
    // rewrites with long instrumented lines.
    exclude: ['test/unit/cdk-stack.test.ts', 'test/unit/line-width.test.ts'],
  },
});
