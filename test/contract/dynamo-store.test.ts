import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/ledger/transfer.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { key } from '../../shared/store/dynamo/keys.ts';
import { movementRecordItem } from '../../shared/store/dynamo/movement-record.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import type { StoreCorruption } from './ledger-store/fixtures.ts';
import { ocw, stap } from './ledger-store/fixtures.ts';
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

describe('DynamoLedgerStore: schemes read once per instance', () => {
  it('finds a scheme created after a miss at once, then serves it without reading the table again', async () => {
    const table = await useTestTable();
    try {
      let reads = 0;
      table.client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'GetItemCommand') reads += 1;
          return next(args);
        },
        { step: 'initialize', name: 'countReads' },
      );
      const store = new DynamoLedgerStore({ client: table.client, tableName: table.tableName });

      expect(await store.getScheme(ocw.funderId, stap.schemeId)).toBeUndefined();
      // A miss is not kept: a scheme created a moment later is found by the next read.
      expect(await store.createScheme(stap)).toBe('created');
      expect(await store.getScheme(ocw.funderId, stap.schemeId)).toEqual(stap);
      expect(reads).toBe(2);

      // Found once, it is served from the instance: a scheme never changes after it is created.
      const again = await Promise.all([1, 2, 3].map(() => store.getScheme(ocw.funderId, stap.schemeId)));
      expect(again).toEqual([stap, stap, stap]);
      expect(reads).toBe(2);
      // Another funder's scheme of the same id is its own entry.
      expect(await store.getScheme('bouwfonds', stap.schemeId)).toBeUndefined();
      expect(reads).toBe(3);
    } finally {
      await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
      table.client.destroy();
    }
  });
});
