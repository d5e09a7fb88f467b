import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Transfer } from '../../shared/ledger/transfer.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { key } from '../../shared/store/dynamo/keys.ts';
import { movementRecordItem } from '../../shared/store/dynamo/movement-record.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import type { StoreCorruption } from './ledger-store/fixtures.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';

/** Damages the table's items directly, as no `commit` ever would. */
function corruptionOf(table: TestTable): StoreCorruption {
  const documents = DynamoDBDocumentClient.from(table.client, { marshallOptions: { removeUndefinedValues: true } });
  const TableName = table.tableName;
  const addToPot = (personId: string, potId: string, cents: number) =>
    documents.send(
      new UpdateCommand({
        TableName,
        Key: key.pot(personId, potId),
        UpdateExpression: 'ADD #available :cents',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#available': 'available' },
        ExpressionAttributeValues: { ':cents': cents },
      }),
    );
  const record = (transfer: Transfer) =>
    documents.send(
      new PutCommand({
        TableName,
        Item: movementRecordItem(key.movement(transfer), { transfers: [transfer] }),
      }),
    );
  return {
    pot: async (personId, potId, availableCents) => {
      await documents.send(
        new UpdateCommand({
          TableName,
          Key: key.pot(personId, potId),
          UpdateExpression: 'SET #available = :cents',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#available': 'available' },
          ExpressionAttributeValues: { ':cents': availableCents },
        }),
      );
    },
    oneSidedTransfer: async (transfer) => {
      await record(transfer);
      await addToPot(transfer.personId, transfer.potId, transfer.amountCents);
    },
    transferRecordOnly: async (transfer) => {
      await record(transfer);
    },
  };
}

// A table per test (DynamoDB Local creates one in milliseconds), so every test starts from an
// empty ledger and reconciliation counts are exact.
describeLedgerStoreContract('DynamoLedgerStore on DynamoDB Local', async () => {
  const table = await useTestTable();
  return {
    store: new DynamoLedgerStore({ client: table.client, tableName: table.tableName }),
    corrupt: corruptionOf(table),
    cleanup: async () => {
      await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
      table.client.destroy();
    },
  };
});
