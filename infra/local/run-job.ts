/**
 * `npm run job -- <name>`: runs one scheduled job once against the local system's data, and prints
 * what it did.
 *
 * When `npm start` is running it has written `.data/endpoint.json`, and the job talks to that
 * server's DynamoDB Local (in-memory runs included). Otherwise the job starts its own DynamoDB
 * Local on `.data/dynamodb` (under `LEERREKENING_DATA_DIR` when set), the folder `npm start` keeps its
 * data in, and stops it afterwards.
 * Two DynamoDB Local processes never share that folder: the endpoint file says which one owns it.
 */
import { ensureTable } from '../../shared/store/create-table.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { defaultTableName } from '../../shared/store/table-definition.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.ts';
import { localDataDirectory, readRunningEndpoint } from './endpoint-file.ts';
import { isJobName, jobNames, runLocalJob } from './jobs.ts';
import { stopOrphanedDynamoDbLocal } from './orphaned-dynamodb-local.ts';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || !isJobName(name)) {
    console.error(`Usage: npm run job -- <name>, where <name> is one of: ${jobNames.join(', ')}`);
    process.exit(2);
  }

  let database: DynamoDbLocal | undefined;
  const running = await readRunningEndpoint();
  let endpoint: string;
  let tableName: string;
  if (running !== undefined) {
    ({ dynamoEndpoint: endpoint, tableName } = running);
    console.log(`Using the running local system's DynamoDB Local at ${endpoint} (table ${tableName}).`);
  } else {
    // A DynamoDB Local that a killed `npm start` left behind still holds the data file.
    const orphan = await stopOrphanedDynamoDbLocal();
    if (orphan.kind === 'running') throw new Error(orphan.message);
    if (orphan.kind === 'stopped') console.log(orphan.line);
    database = await startDynamoDbLocal({ dataDirectory: localDataDirectory });
    endpoint = database.endpoint;
    tableName = defaultTableName;
    const client = dynamoClient(endpoint);
    await ensureTable(client, tableName);
    client.destroy();
    console.log(`No local system is running: started DynamoDB Local on ${localDataDirectory}.`);
  }

  // The handlers read their configuration from the environment, as they do in Lambda.
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'WARN',
  });
  try {
    const summary = await runLocalJob(name);
    console.log(`${name}: ${JSON.stringify(summary)}`);
    if (summary.failed > 0) process.exitCode = 1;
  } finally {
    await database?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
