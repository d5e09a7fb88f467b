/** What the step crash tests share: a table with a clock and snapshots, and the ledger they compare. */
import { randomInt } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { type TestTable, useTestTable } from './dynamodb.ts';
import { restoreTable, snapshotTable, type TableSnapshot } from './step-crashes.ts';

export { rijk } from './principals.ts';

export const secret = 'step-crashes-person-id-secret';
/** When the worlds are built. */
export const start = '2026-05-20T10:00:00.000Z';
export const today = '2026-05-20';

/** The value of an outcome the test's setup needs to succeed. */
export function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

/** A table of its own, a clock the test moves, and the dependencies the use cases and jobs take. */
export interface Bench {
  readonly table: TestTable;
  readonly store: DynamoLedgerStore;
  readonly dependencies: Dependencies & { readonly store: DynamoLedgerStore };
  set(instant: string): void;
  snapshot(): Promise<TableSnapshot>;
  restore(snapshot: TableSnapshot): Promise<void>;
  close(): Promise<void>;
}

/** A fresh table in the run's DynamoDB Local, its clock at {@link start}. */
export async function bench(): Promise<Bench> {
  const table = await useTestTable();
  const store = new DynamoLedgerStore({ client: table.client, tableName: table.tableName });
  let clock = Date.parse(start);
  return {
    table,
    store,
    dependencies: { store, personIdSecret: secret, now: () => new Date(clock), randomInt: (n) => randomInt(n) },
    set: (instant) => {
      clock = Date.parse(instant);
    },
    snapshot: () => snapshotTable(table.client, table.tableName),
    restore: (snapshot) => restoreTable(table.client, table.tableName, snapshot),
    close: async () => {
      await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
      table.client.destroy();
    },
  };
}

/** Whose ledger {@link ledgerState} reads: the persons, claims and schemes a test's world has. */
export interface Scope {
  readonly personIds: readonly string[];
  readonly claimIds: readonly string[];
  readonly schemes: ReadonlyArray<readonly [funderId: string, schemeId: string]>;
  /** The providers whose payouts are read. */
  readonly providerIds: readonly string[];
  /** The days whose audit entries are read, at most 31. */
  readonly days: { readonly from: string; readonly to: string };
}

/**
 * What a job's exactly-once is judged by: every pot's balances, every claim's status, every
 * person's history entries, the funders' totals, the payouts, and the audit entries of the run's
 * days; ids and times left out, as a run after a crash makes them anew. A movement made twice,
 * or not at all, shows here even where a balance would hide it.
 */
export async function ledgerState(store: LedgerStore, { personIds, claimIds, schemes, providerIds, days }: Scope) {
  const pots = [];
  const entries = [];
  for (const personId of personIds) {
    for (const pot of await store.listPots(personId)) {
      pots.push(`${pot.potId} available ${pot.availableCents} reserved ${pot.reservedCents}`);
    }
    const transfers = (await store.listTransfers(personId, { limit: 200 })).items;
    entries.push(...transfers.map((transfer) => `${transfer.potId} ${transfer.type} ${transfer.amountCents}`));
  }
  const claims = [];
  for (const claimId of claimIds) claims.push(`${claimId} ${(await store.getClaim(claimId))?.status}`);
  const totals = [];
  for (const [funderId, schemeId] of schemes) {
    const sum = (field: 'balanceCents' | 'depositedCents' | 'returnedCents' | 'expiredCents') =>
      shards.reduce((total, shard) => total + shard[field], 0);
    const shards = await store.getSchemeTotals(funderId, schemeId);
    totals.push({
      schemeId,
      budgetRemaining: shards.reduce((total, shard) => total + (shard.budgetRemainingCents ?? 0), 0),
      balance: sum('balanceCents'),
      deposited: sum('depositedCents'),
      returned: sum('returnedCents'),
      expired: sum('expiredCents'),
    });
  }
  const payouts = [];
  for (const providerId of providerIds) {
    const listed = (await store.listPayouts(providerId, { limit: 200 })).items;
    payouts.push(...listed.map((payout) => `${providerId} ${payout.amountCents} ${[...payout.claimIds].sort()}`));
  }
  const audit = (await store.listAudit(days, { limit: 200 })).items.map(
    (record) => `${record.action} ${record.outcome} ${record.amountCents ?? ''}`,
  );
  return {
    pots: pots.sort(),
    entries: entries.sort(),
    claims: claims.sort(),
    totals,
    payouts: payouts.sort(),
    audit: audit.sort(),
  };
}

/** The ledger sums to zero and every account's stored balance is what its entries add up to. */
export async function expectBalanced(store: LedgerStore): Promise<void> {
  expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
}
