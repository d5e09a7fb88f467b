/**
 * Money an approved claim holds in an employer's revocable pot when the employment ends: the claim
 * may still be paid, but whatever is released afterwards (cancel, the release job, the uncaptured
 * rest of a partial capture) goes back to the employer in the same transaction as the release, as
 * a `revocation` entry the person sees. On the real DynamoDB adapter (DynamoDB Local), through the
 * use cases with a clock the tests move; every test ends with a reconciliation that sums to zero.
 */
import { randomInt } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveClaim } from '../../functions/approve-claim/use-case.ts';
import { cancelClaim } from '../../functions/cancel-claim/use-case.ts';
import { captureClaim } from '../../functions/capture-claim/use-case.ts';
import { createClaim } from '../../functions/create-claim/use-case.ts';
import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { endEmployment } from '../../functions/end-employment/use-case.ts';
import { expirePots } from '../../functions/jobs/expire-pots/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import { registerEmployee } from '../../functions/register-employee/use-case.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import { beforeFirstCall } from '../support/store-faults.ts';

const secret = 'ended-employment-test-secret';
const employer: Principal = {
  role: 'employer',
  clientId: 'employer-bouw',
  orgId: '12345678',
  orgName: 'Bouwbedrijf De Vries',
  funderType: 'employer',
};
const provider: Principal = {
  role: 'provider',
  clientId: 'provider-noord',
  orgId: 'opleidingen-noord',
  orgName: 'Opleidingen Noord',
};
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const janPrincipal: Principal = { role: 'citizen', personId: jan.personId };
const start = '2026-05-20T10:00:00.000Z';
const today = '2026-05-20';

function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

interface World {
  readonly table: TestTable;
  readonly store: LedgerStore;
  readonly dependencies: Dependencies;
  at(instant: string): void;
  approved(amountCents: number): Promise<Claim>;
  end(key?: string, dependencies?: Dependencies): Promise<number>;
}

let keys = 0;

async function makeWorld(): Promise<World> {
  const table = await useTestTable();
  const store = new DynamoLedgerStore({ client: table.client, tableName: table.tableName });
  let clock = Date.parse(start);
  const dependencies: Dependencies = {
    store,
    personIdSecret: secret,
    now: () => new Date(clock),
    randomInt: (n) => randomInt(n),
  };
  valueFrom(
    await createScheme(dependencies, employer, {
      schemeId: 'vakmanschap',
      label: 'Budget vakmanschap',
      expiresAfterMonths: 12,
      revocable: true,
    }),
  );
  await store.putProvider({
    providerId: 'opleidingen-noord',
    name: 'Opleidingen Noord',
    kvk: '87654321',
    iban: 'NL91ABNA0417164300',
    status: 'active',
    updatedAt: start,
  });
  valueFrom(
    await createCourse(dependencies, provider, {
      courseId: 'lassen-1',
      title: 'Lassen voor beginners',
      category: 'techniek',
      price: 100_000,
    }),
  );
  valueFrom(await registerEmployee(dependencies, employer, { bsn: jan.bsn, startDate: '2026-01-01' }));
  valueFrom(
    await createDeposit(dependencies, employer, {
      bsn: jan.bsn,
      schemeId: 'vakmanschap',
      amount: 45_000,
      idempotencyKey: 'dep-jan-vakmanschap',
    }),
  );

  async function approved(amountCents: number): Promise<Claim> {
    keys += 1;
    const created = valueFrom(
      await createClaim(dependencies, provider, {
        bsn: jan.bsn,
        courseId: 'lassen-1',
        amount: amountCents,
        startDate: today,
        idempotencyKey: `claim-${keys}`,
      }),
    );
    const { claimId } = created.body as { claimId: string };
    valueFrom(await approveClaim(dependencies, janPrincipal, { claimId, idempotencyKey: `approve-${keys}` }));
    const claim = await store.getClaim(claimId);
    if (claim === undefined) throw new Error('claim vanished');
    return claim;
  }

  async function end(key = 'end-jan', using = dependencies): Promise<number> {
    const reply = valueFrom(
      await endEmployment(using, employer, { bsn: jan.bsn, endDate: today, idempotencyKey: key }),
    );
    return (reply.body as { returned: number }).returned;
  }

  return {
    table,
    store,
    dependencies,
    at: (instant) => {
      clock = Date.parse(instant);
    },
    approved,
    end,
  };
}

async function potOf(store: LedgerStore) {
  const pot = (await store.listPots(jan.personId)).find((candidate) => candidate.schemeId === 'vakmanschap');
  if (pot === undefined) throw new Error('no vakmanschap pot');
  return pot;
}

/** What the employer's scheme account has got back, over all shards. */
async function returnedToEmployer(store: LedgerStore): Promise<{ balance: number; returned: number }> {
  const shards = await store.getSchemeTotals('12345678', 'vakmanschap');
  return {
    balance: shards.reduce((sum, shard) => sum + shard.balanceCents, 0),
    returned: shards.reduce((sum, shard) => sum + shard.returnedCents, 0),
  };
}

async function revocationsOf(store: LedgerStore) {
  return (await store.listTransfers(jan.personId, { limit: 200 })).items.filter(
    (transfer) => transfer.type === 'revocation',
  );
}

describe('money released from a revocable pot after the employment ended', () => {
  let world: World;

  beforeEach(async () => {
    world = await makeWorld();
  });

  afterEach(async () => {
    expect(await world.store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
    await world.table.client.send(new DeleteTableCommand({ TableName: world.table.tableName }));
    world.table.client.destroy();
  });

  it('goes back to the employer when the provider cancels, and a retried cancel moves nothing again', async () => {
    const claim = await world.approved(30_000);
    expect(await world.end()).toBe(15_000);
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 30_000 });

    const cancel = { claimId: claim.claimId, idempotencyKey: 'cancel-1' };
    const first = valueFrom(await cancelClaim(world.dependencies, provider, cancel));
    expect(first.body).toMatchObject({ status: 'cancelled' });
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 0 });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 });
    const revocations = await revocationsOf(world.store);
    expect(
      revocations.map((transfer) => [transfer.amountCents, transfer.availableEffectCents, transfer.claimId]),
    ).toEqual(expect.arrayContaining([[30_000, -30_000, claim.claimId]]));
    expect(revocations.find((transfer) => transfer.claimId === claim.claimId)).toMatchObject({
      debitAccount: `pot:${jan.personId}:12345678#vakmanschap#2027-05-20`,
      creditAccount: 'funder:12345678:vakmanschap',
      description: expect.stringContaining('because your employment ended'),
    });

    expect(valueFrom(await cancelClaim(world.dependencies, provider, cancel))).toEqual(first);
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 });
    expect(await revocationsOf(world.store)).toHaveLength(2);
  });

  it('goes back to the employer when the release job expires the claim', async () => {
    const claim = await world.approved(30_000);
    await world.end();

    world.at('2026-11-18T02:00:00.000Z');
    expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 });
    expect(await world.store.getClaim(claim.claimId)).toMatchObject({ status: 'expired' });
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 0 });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 });
  });

  it('lets the provider still be paid, and returns the uncaptured rest of a partial capture', async () => {
    const claim = await world.approved(30_000);
    await world.end();

    const evidence = { kind: 'completion', date: today } as const;
    const input = { claimId: claim.claimId, amount: 10_000, evidence, idempotencyKey: 'capture-1' };
    expect(valueFrom(await captureClaim(world.dependencies, provider, input)).body).toMatchObject({
      status: 'captured',
      captured: 10_000,
    });
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 0 });
    // 45,000 deposited: 10,000 paid to the provider, 35,000 back to the employer.
    expect(await returnedToEmployer(world.store)).toEqual({ balance: -10_000, returned: 35_000 });
    expect(valueFrom(await captureClaim(world.dependencies, provider, input)).body).toMatchObject({
      status: 'captured',
    });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: -10_000, returned: 35_000 });
  });

  it('stays with the person when the employer has hired them again before the release', async () => {
    const claim = await world.approved(30_000);
    await world.end();
    valueFrom(await registerEmployee(world.dependencies, employer, { bsn: jan.bsn, startDate: today }));

    valueFrom(await cancelClaim(world.dependencies, provider, { claimId: claim.claimId, idempotencyKey: 'cancel-2' }));
    expect(await potOf(world.store)).toMatchObject({ availableCents: 30_000, reservedCents: 0 });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: -30_000, returned: 15_000 });
  });

  it('stays with the person while the employment goes on', async () => {
    const claim = await world.approved(30_000);
    valueFrom(await cancelClaim(world.dependencies, provider, { claimId: claim.claimId, idempotencyKey: 'cancel-3' }));
    expect(await potOf(world.store)).toMatchObject({ availableCents: 45_000, reservedCents: 0 });
    expect(await revocationsOf(world.store)).toEqual([]);
  });

  it('goes back to the employer when the employment ends between reading it and writing the release', async () => {
    const claim = await world.approved(30_000);
    // The cancel reads the employment as ongoing; the end is written just before the cancel's first commit.
    const ending = beforeFirstCall(world.store, 'commit', () => world.end());
    const racing: Dependencies = { ...world.dependencies, store: ending.store };
    valueFrom(await cancelClaim(racing, provider, { claimId: claim.claimId, idempotencyKey: 'cancel-4' }));
    expect(ending.ran()).toBe(true);
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 0 });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 });
  });

  it('takes released money too when a release lands between the end reading the pots and writing', async () => {
    const claim = await world.approved(30_000);
    // The end reads the pots with the money held; the cancel releases it just before the end's first commit.
    const releasing = beforeFirstCall(world.store, 'commit', async () =>
      valueFrom(
        await cancelClaim(world.dependencies, provider, { claimId: claim.claimId, idempotencyKey: 'cancel-5' }),
      ),
    );
    const racing: Dependencies = { ...world.dependencies, store: releasing.store };
    expect(await world.end('end-race', racing)).toBe(45_000);
    expect(releasing.ran()).toBe(true);
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 0 });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 });
  });

  it('leaves nothing for the pot expiry job once the pot has expired', async () => {
    const claim = await world.approved(30_000);
    await world.end();
    world.at('2027-06-01T02:00:00.000Z');
    valueFrom(await cancelClaim(world.dependencies, provider, { claimId: claim.claimId, idempotencyKey: 'cancel-6' }));
    expect(await potOf(world.store)).toMatchObject({ availableCents: 0, reservedCents: 0 });
    expect(await expirePots(world.dependencies)).toMatchObject({ failed: 0 });
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 });
  });

  it('returns every revocable pot when there are more than one transaction can hold', async () => {
    await depositDaily(world);
    expect(await world.store.listPots(jan.personId)).toHaveLength(60);
    const end = { bsn: jan.bsn, endDate: '2026-07-20', idempotencyKey: 'end-many' };
    const reply = valueFrom(await endEmployment(world.dependencies, employer, end));
    expect(reply.body).toEqual({ returned: 45_000 + 59 * 100 });
    const left = (await world.store.listPots(jan.personId)).filter((pot) => pot.availableCents > 0);
    expect(left).toEqual([]);
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 + 59 * 100 });
    // The audit entries of the end and of the rest together say what went back.
    const audit = await world.store.listAudit({ from: '2026-07-20', to: '2026-07-20' }, { limit: 200 });
    const ends = audit.items.filter((entry) => entry.action === 'end_employment');
    expect(ends).toHaveLength(2);
    expect(ends.reduce((sum, entry) => sum + (entry.amountCents ?? 0), 0)).toBe(45_000 + 59 * 100);
    // A retry answers the same and moves nothing again.
    expect(valueFrom(await endEmployment(world.dependencies, employer, end)).body).toEqual(reply.body);
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 + 59 * 100 });
  });

  it('reads the employment and the pots once when every pot fits the end’s transaction', async () => {
    const reads = { getEmployment: 0, listPots: 0 };
    const counting: Dependencies = {
      ...world.dependencies,
      store: new Proxy(world.store, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== 'getEmployment' && property !== 'listPots') return value;
          return (...args: unknown[]) => {
            reads[property] += 1;
            return (value as (...parameters: unknown[]) => unknown).apply(target, args);
          };
        },
      }),
    };
    expect(await world.end('end-once', counting)).toBe(45_000);
    expect(reads).toEqual({ getEmployment: 1, listPots: 1 });
  });

  it('returns what a crash after the end left when the request is retried with the same key', async () => {
    await depositDaily(world);
    const end = { bsn: jan.bsn, endDate: '2026-07-20', idempotencyKey: 'end-crash' };
    let commits = 0;
    const crashing: Dependencies = {
      ...world.dependencies,
      store: new Proxy(world.store, {
        get(target, property, receiver) {
          if (property !== 'commit') return Reflect.get(target, property, receiver);
          return async (...args: Parameters<LedgerStore['commit']>) => {
            commits += 1;
            // The end is written; the process dies before the rest is.
            if (commits === 2) throw new Error('crash');
            return target.commit(...args);
          };
        },
      }),
    };
    await expect(endEmployment(crashing, employer, end)).rejects.toThrow('crash');
    expect((await world.store.listPots(jan.personId)).filter((pot) => pot.availableCents > 0)).not.toEqual([]);

    const reply = valueFrom(await endEmployment(world.dependencies, employer, end));
    expect(reply.body).toEqual({ returned: 45_000 + 59 * 100 });
    expect((await world.store.listPots(jan.personId)).filter((pot) => pot.availableCents > 0)).toEqual([]);
    expect(await returnedToEmployer(world.store)).toEqual({ balance: 0, returned: 45_000 + 59 * 100 });
  });
});

/** A deposit a day opens a pot a day (each expires 12 months after its deposit): 60 pots, and
 * with two items each (the pot and its revocation) more than DynamoDB's 100 per transaction. */
async function depositDaily(world: World): Promise<void> {
  for (let day = 1; day < 60; day += 1) {
    world.at(new Date(Date.parse(start) + day * 86_400_000).toISOString());
    valueFrom(
      await createDeposit(world.dependencies, employer, {
        bsn: jan.bsn,
        schemeId: 'vakmanschap',
        amount: 100,
        idempotencyKey: `dep-jan-day-${day}`,
      }),
    );
  }
  world.at('2026-07-20T10:00:00.000Z');
}
