import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

/**
 * Vitest global setup: starts one in-memory DynamoDB Local for the whole test run and hands its
 * endpoint to the test files through `inject('dynamoEndpoint')` (typed in `./dynamodb.ts`).
 * One shared instance keeps the run fast, since a JVM takes seconds to start; test files stay
 * isolated because each uses its own table (see `useTestTable`).
 *
 * @returns The teardown, which stops DynamoDB Local after the last test file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
