/**
 * The audit entry of every money movement and of a provider registration, exactly: action, actor,
 * subject (with the ledger entries the movement wrote, as the ledger lists them), amount and
 * outcome, and for a refused capture the code the caller got. README, "Abuse controls and the
 * audit trail". The movements run through their use cases on DynamoDB Local with a clock the tests
 * move, so the jobs' expiries, releases and payouts are reached without waiting; each test gets a
 * table of its own and looks only at the entries its movement added.
 */
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { expireStaleClaims } from '../../functions/jobs/expire-stale-claims/use-case.ts';
import { type PayoutDependencies, runPayouts } from '../../functions/jobs/payouts/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import { registerEmployee } from '../../functions/register-employee/use-case.ts';
import { registerProvider } from '../../functions/register-provider/use-case.ts';
import { rejectClaim } from '../../functions/reject-claim/use-case.ts';
import { localPayer } from '../../infra/local/jobs.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { AuditRecord } from '../../shared/ledger/audit.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import type { TransferType } from '../../shared/ledger/transfer.ts';
import { FilesystemPayoutFileStore } from '../../shared/payouts/filesystem-payout-file-store.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import { noord, rijk, sector } from '../support/principals.ts';

const secret = 'audit-movements-test-secret';
const employer: Principal = {
  role: 'employer',
  clientId: 'employer-bouw',
  orgId: '12345678',
  orgName: 'Bouwbedrijf De Vries',
  funderType: 'employer',
};
const auditor: Principal = { role: 'auditor', clientId: 'auditor-one', orgId: 'leerrekening', orgName: 'Leerrekening' };
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const janPrincipal: Principal = { role: 'citizen', personId: jan.personId };
const start = '2026-05-20T10:00:00.000Z';
const today = '2026-05-20';
const evidence = { kind: 'completion', date: today } as const;

/** The actor of each business principal, as the audit trail names it. */
const actorOf = (principal: Principal) =>
  principal.role === 'citizen'
    ? { role: 'citizen', personId: principal.personId }
    : { role: principal.role, clientId: principal.clientId, orgId: principal.orgId };

function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

interface World {
  readonly table: TestTable;
  readonly store: LedgerStore;
  readonly dependencies: Dependencies;
  readonly payouts: PayoutDependencies;
  readonly payoutDirectory: string;
  at(instant: string): void;
  now(): string;
}

/**
 * A fresh table: Jan has 400.00 of public money (never expires within these tests) and 200.00 of
 * sector money that expires on 1 June 2026; Opleidingen Noord is active and publishes a course.
 * A claim above 600.00 holds only what Jan has, so what a claim holds differs from its amount.
 */
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
  const payoutDirectory = await mkdtemp(path.join(tmpdir(), 'leerrekening-audit-'));
  const payouts: PayoutDependencies = {
    ...dependencies,
    payoutFiles: new FilesystemPayoutFileStore(payoutDirectory),
    payer: localPayer,
  };
  valueFrom(
    await createScheme(dependencies, rijk, {
      schemeId: 'ontwikkelbudget',
      label: 'Ontwikkelbudget',
      expiresAfterMonths: 24,
    }),
  );
  valueFrom(
    await createScheme(dependencies, sector, { schemeId: 'techniek', label: 'Techniek', expiresAt: '2026-06-01' }),
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
    await createCourse(dependencies, noord, {
      courseId: 'lassen-1',
      title: 'Lassen voor beginners',
      category: 'techniek',
      price: 100_000,
    }),
  );
  for (const [funder, schemeId, amount] of [
    [rijk, 'ontwikkelbudget', 40_000],
    [sector, 'techniek', 20_000],
  ] as const) {
    valueFrom(
      await createDeposit(dependencies, funder, { bsn: jan.bsn, schemeId, amount, idempotencyKey: `dep-${schemeId}` }),
    );
  }
  return {
    table,
    store,
    dependencies,
    payouts,
    payoutDirectory,
    at: (instant) => {
      clock = Date.parse(instant);
    },
    now: () => new Date(clock).toISOString(),
  };
}

describe('the audit entry of each movement', () => {
  let world: World;

  beforeEach(async () => {
    world = await makeWorld();
  });

  afterEach(async () => {
    expect(await world.store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
    await world.table.client.send(new DeleteTableCommand({ TableName: world.table.tableName }));
    world.table.client.destroy();
    await rm(world.payoutDirectory, { recursive: true, force: true });
  });

  /** Every audit entry of the days around the clock. */
  async function auditEntries(): Promise<AuditRecord[]> {
    const day = world.now().slice(0, 10);
    const entries: AuditRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await world.store.listAudit(
        { from: day, to: day },
        { limit: 100, ...(cursor !== undefined && { cursor }) },
      );
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return entries;
  }

  /** Runs `act` and answers the audit entries it added, without their random ids. */
  async function auditedBy(act: () => Promise<unknown>): Promise<Array<Omit<AuditRecord, 'auditId'>>> {
    const before = new Set((await auditEntries()).map((entry) => entry.auditId));
    await act();
    return (await auditEntries())
      .filter((entry) => !before.has(entry.auditId))
      .map(({ auditId, ...entry }) => {
        expect(auditId).toMatch(/^aud_/);
        // The ledger lists entries newest first; the order of a movement's ids says nothing.
        const { transferIds: ids } = entry.subject;
        return ids === undefined ? entry : { ...entry, subject: { ...entry.subject, transferIds: [...ids].sort() } };
      });
  }

  /** The ids of Jan's ledger entries of `types` written at the clock's instant (of one claim, if given), sorted. */
  async function transferIds(types: readonly TransferType[], claimId?: string): Promise<string[]> {
    const { items } = await world.store.listTransfers(jan.personId, { limit: 200 });
    return items
      .filter(
        (transfer) =>
          types.includes(transfer.type) &&
          transfer.at === world.now() &&
          (claimId === undefined || transfer.claimId === claimId),
      )
      .map((transfer) => transfer.transferId)
      .sort();
  }

  let keys = 0;
  async function claimed(amount: number): Promise<string> {
    keys += 1;
    const created = valueFrom(
      await createClaim(world.dependencies, noord, {
        bsn: jan.bsn,
        courseId: 'lassen-1',
        amount,
        startDate: today,
        idempotencyKey: `claim-${keys}`,
      }),
    );
    return (created.body as { claimId: string }).claimId;
  }
  async function approved(amount: number): Promise<string> {
    const claimId = await claimed(amount);
    valueFrom(await approveClaim(world.dependencies, janPrincipal, { claimId, idempotencyKey: `approve-${claimId}` }));
    return claimId;
  }
  async function claim(claimId: string): Promise<Claim> {
    const found = await world.store.getClaim(claimId);
    if (found === undefined) throw new Error(`no claim ${claimId}`);
    return found;
  }

  it('deposit: the funder client, the scheme, the person, the amount and the deposit entry', async () => {
    world.at('2026-05-20T11:00:00.000Z');
    let depositId = '';
    const entries = await auditedBy(async () => {
      const reply = valueFrom(
        await createDeposit(world.dependencies, rijk, {
          bsn: jan.bsn,
          schemeId: 'ontwikkelbudget',
          amount: 12_345,
          idempotencyKey: 'dep-audit',
        }),
      );
      depositId = (reply.body as { depositId: string }).depositId;
    });

    expect(await transferIds(['deposit'])).toEqual([depositId]);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(rijk),
        action: 'deposit',
        subject: {
          funderId: 'rijksoverheid',
          schemeId: 'ontwikkelbudget',
          personId: jan.personId,
          idempotencyKey: 'dep-audit',
          transferIds: [depositId],
        },
        amountCents: 12_345,
        outcome: 'succeeded',
      },
    ]);
  });

  it('end of employment: the employer client, the person, what came back and the revocation entries', async () => {
    valueFrom(
      await createScheme(world.dependencies, employer, {
        schemeId: 'vakmanschap',
        label: 'Budget vakmanschap',
        expiresAfterMonths: 12,
        revocable: true,
      }),
    );
    valueFrom(await registerEmployee(world.dependencies, employer, { bsn: jan.bsn, startDate: '2026-01-01' }));
    valueFrom(
      await createDeposit(world.dependencies, employer, {
        bsn: jan.bsn,
        schemeId: 'vakmanschap',
        amount: 45_000,
        idempotencyKey: 'dep-vakmanschap',
      }),
    );
    world.at('2026-05-20T11:00:00.000Z');

    const entries = await auditedBy(async () =>
      valueFrom(
        await endEmployment(world.dependencies, employer, { bsn: jan.bsn, endDate: today, idempotencyKey: 'end-1' }),
      ),
    );

    const revocations = await transferIds(['revocation']);
    expect(revocations).toHaveLength(1);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(employer),
        action: 'end_employment',
        subject: { funderId: '12345678', personId: jan.personId, idempotencyKey: 'end-1', transferIds: revocations },
        amountCents: 45_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('claim made: the provider client, the claim, the course, the amount; no money moves', async () => {
    let claimId = '';
    const entries = await auditedBy(async () => {
      claimId = await claimed(30_000);
    });

    expect(await transferIds(['reservation', 'capture', 'release'])).toEqual([]);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(noord),
        action: 'claim_create',
        subject: {
          providerId: 'opleidingen-noord',
          courseId: 'lassen-1',
          personId: jan.personId,
          idempotencyKey: `claim-${keys}`,
          claimId,
        },
        amountCents: 30_000,
        flags: ['person_never_logged_in'],
        outcome: 'succeeded',
      },
    ]);
  });

  it('claim approved: the citizen by pseudonym, what it holds and the reservation entries', async () => {
    const claimId = await claimed(30_000);
    world.at('2026-05-20T11:00:00.000Z');

    const entries = await auditedBy(async () =>
      valueFrom(await approveClaim(world.dependencies, janPrincipal, { claimId, idempotencyKey: 'approve-1' })),
    );

    // 200.00 of sector money and 100.00 of public money: one reservation per pot.
    const reservations = await transferIds(['reservation'], claimId);
    expect(reservations).toHaveLength(2);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: { role: 'citizen', personId: jan.personId },
        action: 'claim_approve',
        subject: {
          claimId,
          personId: jan.personId,
          idempotencyKey: 'approve-1',
          providerId: 'opleidingen-noord',
          courseId: 'lassen-1',
          transferIds: reservations,
        },
        amountCents: 30_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('claim rejected: the citizen by pseudonym and the claim; no money moves', async () => {
    const claimId = await claimed(30_000);
    world.at('2026-05-20T11:00:00.000Z');

    const entries = await auditedBy(async () =>
      valueFrom(await rejectClaim(world.dependencies, janPrincipal, { claimId })),
    );

    expect(await transferIds(['reservation', 'capture', 'release'])).toEqual([]);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: { role: 'citizen', personId: jan.personId },
        action: 'claim_reject',
        subject: { claimId, personId: jan.personId, providerId: 'opleidingen-noord', courseId: 'lassen-1' },
        amountCents: 30_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('claim captured in part: the provider client, what it took, and the capture and release entries', async () => {
    const claimId = await approved(50_000);
    world.at('2026-05-20T11:00:00.000Z');

    const entries = await auditedBy(async () =>
      valueFrom(
        await captureClaim(world.dependencies, noord, {
          claimId,
          amount: 30_000,
          evidence,
          idempotencyKey: 'capture-1',
        }),
      ),
    );

    // A capture from each of the two pots, and the 200.00 not taken released from the public one.
    const written = await transferIds(['capture', 'release'], claimId);
    expect(written).toHaveLength(3);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(noord),
        action: 'claim_capture',
        subject: {
          claimId,
          providerId: 'opleidingen-noord',
          idempotencyKey: 'capture-1',
          personId: jan.personId,
          courseId: 'lassen-1',
          transferIds: written,
        },
        amountCents: 30_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('a capture of more than is held: refused, with the code the caller got, and no entry moved', async () => {
    const claimId = await approved(50_000);
    world.at('2026-05-20T11:00:00.000Z');

    let outcome: Outcome<unknown> | undefined;
    const entries = await auditedBy(async () => {
      outcome = await captureClaim(world.dependencies, noord, {
        claimId,
        amount: 50_001,
        evidence,
        idempotencyKey: 'capture-too-much',
      });
    });

    expect(outcome).toMatchObject({ ok: false, code: 'amount_exceeds_reserved' });
    expect(await transferIds(['capture', 'release'], claimId)).toEqual([]);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(noord),
        action: 'claim_capture',
        subject: { claimId, providerId: 'opleidingen-noord', idempotencyKey: 'capture-too-much' },
        outcome: 'refused',
        code: 'amount_exceeds_reserved',
      },
    ]);
  });

  it('claim cancelled: the provider client, what it gave back and the release entries', async () => {
    // 800.00 claimed, 600.00 held: the entry says what comes back.
    const claimId = await approved(80_000);
    world.at('2026-05-20T11:00:00.000Z');

    const entries = await auditedBy(async () =>
      valueFrom(await cancelClaim(world.dependencies, noord, { claimId, idempotencyKey: 'cancel-1' })),
    );

    const releases = await transferIds(['release'], claimId);
    expect(releases).toHaveLength(2);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(noord),
        action: 'claim_cancel',
        subject: {
          claimId,
          providerId: 'opleidingen-noord',
          idempotencyKey: 'cancel-1',
          personId: jan.personId,
          courseId: 'lassen-1',
          transferIds: releases,
        },
        amountCents: 60_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('claim expired by the job: the job, the claim, its amount; no money moves', async () => {
    const claimId = await claimed(30_000);
    // A minute past the deadline: the job lists claims whose deadline lies before its run.
    world.at(new Date(Date.parse((await claim(claimId)).approveBefore) + 60_000).toISOString());

    const entries = await auditedBy(async () =>
      expect(await expireStaleClaims(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 }),
    );

    expect(await transferIds(['reservation', 'capture', 'release'])).toEqual([]);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: { role: 'system', job: 'expire-stale-claims' },
        action: 'claim_expire',
        subject: { claimId, personId: jan.personId, providerId: 'opleidingen-noord', courseId: 'lassen-1' },
        amountCents: 30_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('reservation released by the job: the job, the claim, what it held and the release entries', async () => {
    // 800.00 claimed, 600.00 held: the entry says what comes back.
    const claimId = await approved(80_000);
    world.at(new Date(Date.parse((await claim(claimId)).captureBefore as string) + 60_000).toISOString());

    const entries = await auditedBy(async () =>
      expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 }),
    );

    const releases = await transferIds(['release'], claimId);
    expect(releases).toHaveLength(2);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: { role: 'system', job: 'release-expired-reservations' },
        action: 'reservation_release',
        subject: { claimId, personId: jan.personId, providerId: 'opleidingen-noord', transferIds: releases },
        amountCents: 60_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('pot expired by the job: the job, the pot, the scheme, what went back and the expiry entry', async () => {
    world.at('2026-06-01T02:00:00.000Z');

    const entries = await auditedBy(async () =>
      expect(await expirePots(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 }),
    );

    const expiries = await transferIds(['expiry']);
    expect(expiries).toHaveLength(1);
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: { role: 'system', job: 'expire-pots' },
        action: 'pot_expire',
        subject: {
          personId: jan.personId,
          potId: 'oo-techniek#techniek#2026-06-01',
          funderId: 'oo-techniek',
          schemeId: 'techniek',
          transferIds: expiries,
        },
        amountCents: 20_000,
        outcome: 'succeeded',
      },
    ]);
  });

  it('payout by the job: the job, the provider, the payout, the claims it paid and the amount', async () => {
    const first = await approved(30_000);
    valueFrom(
      await captureClaim(world.dependencies, noord, {
        claimId: first,
        amount: 30_000,
        evidence,
        idempotencyKey: 'c-1',
      }),
    );
    const second = await approved(12_345);
    valueFrom(
      await captureClaim(world.dependencies, noord, {
        claimId: second,
        amount: 12_345,
        evidence,
        idempotencyKey: 'c-2',
      }),
    );
    world.at('2026-05-21T02:00:00.000Z');

    const entries = await auditedBy(async () =>
      expect(await runPayouts(world.payouts)).toMatchObject({ processed: 2, failed: 0, payouts: 1 }),
    );

    const { items: payouts } = await world.store.listPayouts('opleidingen-noord', { limit: 10 });
    expect(payouts).toHaveLength(1);
    const [payout] = payouts;
    expect(payout).toMatchObject({ amountCents: 42_345 });
    expect([...(payout?.claimIds ?? [])].sort()).toEqual([first, second].sort());
    expect(entries).toEqual([
      {
        at: world.now(),
        actor: { role: 'system', job: 'payouts' },
        action: 'payout',
        subject: { providerId: 'opleidingen-noord', payoutId: payout?.payoutId, claimIds: payout?.claimIds },
        amountCents: 42_345,
        outcome: 'succeeded',
      },
    ]);
  });

  it('provider registration: the auditor client, the provider, its status and what it set', async () => {
    world.at('2026-05-20T11:00:00.000Z');

    const entries = await auditedBy(async () =>
      valueFrom(
        await registerProvider({ ...world.dependencies, wait: async () => {} }, auditor, {
          providerId: 'leerhuis-zuid',
          name: 'Leerhuis Zuid',
          kvk: '11223344',
          iban: 'NL44RABO0123456789',
          status: 'active',
        }),
      ),
    );

    expect(entries).toEqual([
      {
        at: world.now(),
        actor: actorOf(auditor),
        action: 'provider_register',
        subject: { providerId: 'leerhuis-zuid', status: 'active' },
        changes: {
          name: { to: 'Leerhuis Zuid' },
          iban: { to: '**************6789' },
          status: { to: 'active' },
        },
        outcome: 'succeeded',
      },
    ]);
  });
});
