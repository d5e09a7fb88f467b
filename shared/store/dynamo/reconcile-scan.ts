import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { funderAccount, isBatchAccount, potAccount, providerAccount } from '../../ledger/accounts.ts';
import type { Payout } from '../../ledger/provider.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import type { Reconciliation } from '../ledger-store.ts';
import { type LedgerLeg, reconcileBalances } from '../reconcile.ts';
import type { DynamoContext } from './context.ts';
import { batchEntity, batchFromItem, depositBatchLegs } from './deposit-batches.ts';
import { movementEntity, movementRecordFromItem } from './movement-record.ts';

/**
 * Reads the whole table, strongly consistent, and checks every stored balance against the ledger
 * by the rule all adapters share (`reconcileBalances`). A full scan: for jobs and tests only.
 */
export async function reconcile(dynamo: DynamoContext): Promise<Reconciliation> {
  const balances = new Map<string, number>();
  const addTo = (account: string, cents: number) => balances.set(account, (balances.get(account) ?? 0) + cents);
  const transfers: Transfer[] = [];
  const payouts: Payout[] = [];
  const batchLegs: LedgerLeg[] = [];
  const settledBatchAccounts = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.documents.send(
      new ScanCommand({ TableName: dynamo.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      const pk = item['pk'] as string;
      switch (item['entity']) {
        case 'pot':
          balances.set(
            potAccount(pk.slice('PERSON#'.length), item['potId'] as string),
            (item['available'] as number) + (item['reserved'] as number),
          );
          break;
        case 'schemeTotal': {
          const schemeId = (item['sk'] as string).split('#')[1] as string;
          addTo(funderAccount(pk.slice('FUNDER#'.length), schemeId), item['balance'] as number);
          break;
        }
        case movementEntity:
          transfers.push(...(movementRecordFromItem(item).transfers ?? []));
          break;
        case 'payable':
          addTo(providerAccount(pk.slice('PROVIDER#'.length)), item['balance'] as number);
          break;
        case 'payout':
          payouts.push(item['payout'] as Payout);
          break;
        case batchEntity: {
          const batch = batchFromItem(item);
          const legs = depositBatchLegs(batch);
          batchLegs.push(...legs);
          // A settled batch's accounts (the reservations' credit side) must hold nothing.
          if (batch.settlement !== undefined) {
            for (const leg of legs) if (isBatchAccount(leg.creditAccount)) settledBatchAccounts.add(leg.creditAccount);
          }
          break;
        }
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return reconcileBalances(balances, transfers, payouts, batchLegs, settledBatchAccounts);
}
