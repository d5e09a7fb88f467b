import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';

// A table per test (DynamoDB Local creates one in milliseconds), so every test starts from an
// empty ledger and reconciliation counts are exact.
describeLedgerStoreContract('DynamoLedgerStore on DynamoDB Local', async () => {
  const table = await useTestTable();
  return {
    store: new DynamoLedgerStore({ client: table.client, tableName: table.tableName }),
    cleanup: async () => {
      await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
      table.client.destroy();
    },
  };
});
