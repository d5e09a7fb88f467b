/**
 * The scheduled jobs on the real DynamoDB adapter (DynamoDB Local), through their use cases with a
 * clock the tests move: releasing reservations past their deadline, expiring claims nobody
 * approved, expiring pots, and payouts with their SEPA files. Each test gets a table of its own,
 * and every test ends with a reconciliation that balances to zero.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approveClaim } from '../../functions/approve-claim/use-case.ts';
import { cancelClaim } from '../../functions/cancel-claim/use-case.ts';
import { captureClaim } from '../../functions/capture-claim/use-case.ts';
import { createClaim } from '../../functions/create-claim/use-case.ts';
import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { getAllocation } from '../../functions/get-allocation/use-case.ts';
import { expirePots } from '../../functions/jobs/expire-pots/use-case.ts';
import { expireStaleClaims } from '../../functions/jobs/expire-stale-claims/use-case.ts';
import { type PayoutDependencies, type PayoutSummary, runPayouts } from '../../functions/jobs/payouts/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import { registerProvider } from '../../functions/register-provider/use-case.ts';
import { rejectClaim } from '../../functions/reject-claim/use-case.ts';
import { localPayer } from '../../infra/local/jobs.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import type { Payout } from '../../shared/ledger/provider.ts';
import { FilesystemPayoutFileStore } from '../../shared/payouts/filesystem-payout-file-store.ts';
import type { PayoutFileStore } from '../../shared/payouts/payout-file-store.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import { startTestSystem, type TestSystem } from '../support/local-system.ts';
import { pain001SchemaPath } from '../support/pain001-schema.ts';
import { noord, rijk, sector } from '../support/principals.ts';

const run = promisify(execFile);

const schemaPath = pain001SchemaPath;

const secret = 'jobs-test-person-id-secret';
const zuid: Principal = {
  role: 'provider',
  clientId: 'provider-zuid',
  orgId: 'leerhuis-zuid',
  orgName: 'Leerhuis Zuid & Zonen',
};
/** The auditor who repoints a provider's registration in the payout tests. */
const auditor: Principal = { role: 'auditor', clientId: 'auditor-one', orgId: 'leerrekening', orgName: 'Leerrekening' };
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const fatima = { bsn: '999993653', personId: personIdFromBsn('999993653', secret) };
const start = Date.parse('2026-05-20T10:00:00.000Z');
const today = '2026-05-20';

function orgOf(principal: Principal): { orgId: string; orgName: string } {
  if (principal.role === 'citizen') throw new Error('not a business principal');
  return principal;
}

function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

/** A world on a fresh table: two funders, two providers with a course each, money for Jan and Fatima. */
interface World {
  readonly table: TestTable;
  readonly store: LedgerStore;
  readonly dependencies: Dependencies;
  readonly payouts: PayoutDependencies;
  readonly payoutDirectory: string;
  /** Sets the clock the use cases and jobs see. */
  at(instant: string): void;
  /** A claim for `amountCents`, created and approved by the citizen. */
  approved(citizen: typeof jan, amountCents: number, provider?: Principal): Promise<Claim>;
  /** An approved claim of which the provider captures `capturedCents` (all of it by default). */
  captured(citizen: typeof jan, amountCents: number, provider?: Principal, capturedCents?: number): Promise<Claim>;
  claim(claimId: string): Promise<Claim>;
}

let keys = 0;

async function makeWorld(): Promise<World> {
  const table = await useTestTable();
  const store = new DynamoLedgerStore({ client: table.client, tableName: table.tableName });
  let clock = start;
  const dependencies: Dependencies = {
    store,
    personIdSecret: secret,
    now: () => new Date(clock),
    randomInt: (n) => randomInt(n),
  };
  const payoutDirectory = await mkdtemp(path.join(tmpdir(), 'leerrekening-payouts-'));
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
    await createScheme(dependencies, sector, {
      schemeId: 'techniek',
      label: 'Scholingsbudget Techniek',
      expiresAt: '2026-06-01',
    }),
  );
  for (const provider of [noord, zuid]) {
    const { orgId, orgName } = orgOf(provider);
    await store.putProvider({
      providerId: orgId,
      name: orgName,
      kvk: '87654321',
      iban: provider === noord ? 'NL91ABNA0417164300' : 'NL44RABO0123456789',
      status: 'active',
      updatedAt: new Date(start).toISOString(),
    });
    valueFrom(
      await createCourse(dependencies, provider, {
        courseId: 'lassen-1',
        title: 'Lassen voor beginners',
        category: 'techniek',
        price: 100_000,
      }),
    );
  }
  const deposit = (funder: Principal, bsn: string, schemeId: string, amount: number, idempotencyKey: string) =>
    createDeposit(dependencies, funder, { bsn, schemeId, amount, idempotencyKey }).then(valueFrom);
  await deposit(rijk, jan.bsn, 'ontwikkelbudget', 100_000, 'dep-jan-rijk');
  await deposit(sector, jan.bsn, 'techniek', 50_000, 'dep-jan-sector');
  await deposit(rijk, fatima.bsn, 'ontwikkelbudget', 100_000, 'dep-fatima-rijk');

  async function claim(claimId: string): Promise<Claim> {
    const found = await store.getClaim(claimId);
    if (found === undefined) throw new Error(`no claim ${claimId}`);
    return found;
  }

  async function approved(citizen: typeof jan, amountCents: number, provider = noord): Promise<Claim> {
    keys += 1;
    const created = valueFrom(
      await createClaim(dependencies, provider, {
        bsn: citizen.bsn,
        courseId: 'lassen-1',
        amount: amountCents,
        startDate: today,
        idempotencyKey: `claim-${keys}`,
      }),
    );
    const { claimId } = created.body as { claimId: string };
    const owner: Principal = { role: 'citizen', personId: citizen.personId };
    valueFrom(await approveClaim(dependencies, owner, { claimId, idempotencyKey: `approve-${keys}` }));
    return claim(claimId);
  }

  async function captured(
    citizen: typeof jan,
    amountCents: number,
    provider = noord,
    capturedCents = amountCents,
  ): Promise<Claim> {
    const held = await approved(citizen, amountCents, provider);
    const evidence = { kind: 'completion', date: today } as const;
    const input = { claimId: held.claimId, amount: capturedCents, evidence, idempotencyKey: `capture-${keys}` };
    valueFrom(await captureClaim(dependencies, provider, input));
    return claim(held.claimId);
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
    approved,
    captured,
    claim,
  };
}

async function expectBalanced(store: LedgerStore): Promise<void> {
  expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
}

async function potOf(store: LedgerStore, personId: string, schemeId: string) {
  const pot = (await store.listPots(personId)).find((candidate) => candidate.schemeId === schemeId);
  if (pot === undefined) throw new Error(`no ${schemeId} pot`);
  return pot;
}

async function transfersOf(store: LedgerStore, personId: string) {
  return (await store.listTransfers(personId, { limit: 200 })).items;
}

/** Every payout of a provider, all pages. */
async function payoutsOf(store: LedgerStore, providerId: string): Promise<Payout[]> {
  return (await store.listPayouts(providerId, { limit: 200 })).items;
}

/** Every SEPA file the jobs wrote under `directory`, by name relative to it. */
async function payoutFiles(directory: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.xml')) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(directory, full), await readFile(full, 'utf8'));
    }
  }
  return files;
}

async function expectValidPain001(file: string): Promise<void> {
  // xmllint exits non-zero with the reasons on stderr when the file does not validate.
  const { stderr } = await run('xmllint', ['--noout', '--schema', schemaPath, file]);
  expect(stderr).toContain('validates');
}

function elements(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((match) => match[1] as string);
}

/** Euro text ("223.45") to cents, by string arithmetic, as the files are checked against integer cents. */
function cents(euros: string): number {
  const [whole, fraction] = euros.split('.') as [string, string];
  expect(fraction).toHaveLength(2);
  return Number(whole) * 100 + Number(fraction);
}

describe('scheduled jobs', () => {
  let world: World;

  beforeEach(async () => {
    world = await makeWorld();
  });

  afterEach(async () => {
    await expectBalanced(world.store);
    await world.table.client.send(new DeleteTableCommand({ TableName: world.table.tableName }));
    world.table.client.destroy();
    await rm(world.payoutDirectory, { recursive: true, force: true });
  });

  describe('release-expired-reservations', () => {
    it(
      'releases what approved claims hold once their capture deadline passes: ' +
        'claim `expired`, money available, a `release` entry',
      async () => {
        const first = await world.approved(fatima, 30_000);
        const second = await world.approved(fatima, 20_000);
        expect(await potOf(world.store, fatima.personId, 'ontwikkelbudget')).toMatchObject({
          availableCents: 50_000,
          reservedCents: 50_000,
        });

        world.at('2026-11-16T12:00:00.000Z');
        expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });

        world.at('2026-11-18T02:00:00.000Z');
        // Two runs at once: each claim is released by exactly one of them.
        const [a, b] = await Promise.all([
          releaseExpiredReservations(world.dependencies),
          releaseExpiredReservations(world.dependencies),
        ]);
        expect(a.processed + b.processed).toBe(2);
        expect(a.failed + b.failed).toBe(0);

        expect(await world.claim(first.claimId)).toMatchObject({
          status: 'expired',
          updatedAt: '2026-11-18T02:00:00.000Z',
        });
        expect(await world.claim(second.claimId)).toMatchObject({ status: 'expired' });
        expect(await potOf(world.store, fatima.personId, 'ontwikkelbudget')).toMatchObject({
          availableCents: 100_000,
          reservedCents: 0,
        });
        const releases = (await transfersOf(world.store, fatima.personId)).filter(
          (transfer) => transfer.type === 'release',
        );
        expect(
          releases.map((transfer) => [transfer.claimId, transfer.amountCents, transfer.availableEffectCents]).sort(),
        ).toEqual(
          [
            [first.claimId, 30_000, 30_000],
            [second.claimId, 20_000, 20_000],
          ].sort(),
        );
        expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
      },
    );

    it('leaves a claim the provider captured before the deadline alone', async () => {
      const captured = await world.captured(fatima, 30_000);

      world.at('2026-12-01T02:00:00.000Z');
      expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
      expect(await world.claim(captured.claimId)).toMatchObject({ status: 'captured' });
    });
  });

  describe('expire-stale-claims', () => {
    it('expires a claim left awaiting approval past its deadline, moving no money', async () => {
      const created = valueFrom(
        await createClaim(world.dependencies, noord, {
          bsn: fatima.bsn,
          courseId: 'lassen-1',
          amount: 40_000,
          startDate: today,
          idempotencyKey: 'stale-claim',
        }),
      );
      const { claimId } = created.body as { claimId: string };
      const before = await transfersOf(world.store, fatima.personId);

      world.at('2026-06-18T10:00:00.000Z');
      expect(await expireStaleClaims(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
      world.at('2026-06-19T10:00:01.000Z');
      expect(await expireStaleClaims(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 });

      expect(await world.claim(claimId)).toMatchObject({ status: 'expired' });
      expect(await transfersOf(world.store, fatima.personId)).toEqual(before);
      expect(await potOf(world.store, fatima.personId, 'ontwikkelbudget')).toMatchObject({
        availableCents: 100_000,
        reservedCents: 0,
      });
      const owner: Principal = { role: 'citizen', personId: fatima.personId };
      const late = await approveClaim(world.dependencies, owner, { claimId, idempotencyKey: 'late-approval' });
      expect(late).toMatchObject({ ok: false, code: 'claim_not_approvable' });
      expect(await expireStaleClaims(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
    });
  });

  describe('claims a citizen or provider decided on first', () => {
    it('skips a withdrawn claim and one rejected past its deadline; a too-old claim has no preview', async () => {
      const citizen: Principal = { role: 'citizen', personId: fatima.personId };
      const claimFor = async (idempotencyKey: string) => {
        const body = { bsn: fatima.bsn, courseId: 'lassen-1', amount: 10_000, startDate: today, idempotencyKey };
        return (valueFrom(await createClaim(world.dependencies, noord, body)).body as { claimId: string }).claimId;
      };
      const withdrawn = await claimFor('to-withdraw');
      const rejected = await claimFor('to-reject');
      const stale = await claimFor('to-expire');
      valueFrom(await cancelClaim(world.dependencies, noord, { claimId: withdrawn, idempotencyKey: 'withdraw' }));

      // Past approveBefore, before the job has run: too old to approve or preview, not too old to say no.
      world.at('2026-06-19T10:00:01.000Z');
      expect(await getAllocation(world.dependencies, citizen, { claimId: stale })).toMatchObject({
        ok: false,
        code: 'claim_not_approvable',
        detail: 'This claim is too old; it can no longer be approved.',
      });
      valueFrom(await rejectClaim(world.dependencies, citizen, { claimId: rejected }));
      expect(await expireStaleClaims(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 });

      expect(await world.claim(withdrawn)).toMatchObject({ status: 'cancelled' });
      expect(await world.claim(rejected)).toMatchObject({ status: 'rejected', updatedAt: '2026-06-19T10:00:01.000Z' });
      expect(await world.claim(stale)).toMatchObject({ status: 'expired' });
      const pot = await potOf(world.store, fatima.personId, 'ontwikkelbudget');
      expect(pot).toMatchObject({ availableCents: 100_000, reservedCents: 0 });
    });

    it('refuses a capture from the capture deadline on, and the release job gives the money back instead', async () => {
      const held = await world.approved(fatima, 30_000);
      expect(held.captureBefore).toBe('2026-11-16T23:59:59.999Z');
      const evidence = { kind: 'completion', date: today } as const;

      world.at(held.captureBefore ?? '');
      const input = { claimId: held.claimId, amount: 30_000, evidence, idempotencyKey: 'late' };
      const late = await captureClaim(world.dependencies, noord, input);
      expect(late).toMatchObject({ ok: false, code: 'invalid_claim_state' });
      expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });

      // The work list holds claims strictly past their deadline; the claim itself was due from the deadline on.
      world.at('2026-11-17T00:00:00.000Z');
      expect(await releaseExpiredReservations(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 });
      expect(await world.claim(held.claimId)).toMatchObject({ status: 'expired' });
      const pot = await potOf(world.store, fatima.personId, 'ontwikkelbudget');
      expect(pot).toMatchObject({ availableCents: 100_000, reservedCents: 0 });
    });
  });

  describe('expire-pots', () => {
    it(
      'moves what is left in a pot past its date back to the funder as a visible `expiry` entry, ' +
        'once, and later what a release frees',
      async () => {
        // The sector pot expires first, so it pays first: 20,000 of its 50,000 is held.
        const held = await world.approved(jan, 20_000);
        expect(await potOf(world.store, jan.personId, 'techniek')).toMatchObject({
          availableCents: 30_000,
          reservedCents: 20_000,
        });

        world.at('2026-05-31T21:00:00.000Z');
        expect(await expirePots(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });

        // 1 June in Amsterdam. Two runs at once expire the pot once.
        world.at('2026-05-31T22:30:00.000Z');
        const [a, b] = await Promise.all([expirePots(world.dependencies), expirePots(world.dependencies)]);
        expect(a.processed + b.processed).toBe(1);
        expect(a.failed + b.failed).toBe(0);
        expect(await potOf(world.store, jan.personId, 'techniek')).toMatchObject({
          availableCents: 0,
          reservedCents: 20_000,
        });
        const expiries = () =>
          transfersOf(world.store, jan.personId).then((all) => all.filter((transfer) => transfer.type === 'expiry'));
        expect(
          (await expiries()).map((transfer) => [
            transfer.transferId,
            transfer.amountCents,
            transfer.availableEffectCents,
            transfer.creditAccount,
          ]),
        ).toEqual([['exp_oo-techniek#techniek#2026-06-01_2026-06-01', 30_000, -30_000, 'funder:oo-techniek:techniek']]);
        expect((await expiries())[0]?.description).toBe(
          '€300.00 of Scholingsbudget Techniek expired and went back to O&O-fonds Techniek',
        );
        expect(await expirePots(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
        await expectBalanced(world.store);

        // The claim is never captured: its reservation is released into the expired pot, and expires in turn.
        world.at('2026-11-18T02:00:00.000Z');
        expect((await releaseExpiredReservations(world.dependencies)).processed).toBe(1);
        expect(await world.claim(held.claimId)).toMatchObject({ status: 'expired' });
        expect(await potOf(world.store, jan.personId, 'techniek')).toMatchObject({
          availableCents: 20_000,
          reservedCents: 0,
        });
        expect(await expirePots(world.dependencies)).toEqual({ processed: 1, skipped: 0, failed: 0 });

        expect(await potOf(world.store, jan.personId, 'techniek')).toMatchObject({
          availableCents: 0,
          reservedCents: 0,
        });
        expect((await expiries()).map((transfer) => [transfer.transferId, transfer.amountCents])).toEqual([
          ['exp_oo-techniek#techniek#2026-06-01_2026-11-18', 20_000],
          ['exp_oo-techniek#techniek#2026-06-01_2026-06-01', 30_000],
        ]);
        const totals = await world.store.getSchemeTotals('oo-techniek', 'techniek');
        expect(totals.reduce((sum, shard) => sum + shard.expiredCents, 0)).toBe(50_000);
        expect(totals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(0);
        // The public money, which expires in 2028, is untouched.
        expect(await potOf(world.store, jan.personId, 'ontwikkelbudget')).toMatchObject({ availableCents: 100_000 });
      },
    );

    it('takes a spent pot off its work list without an entry', async () => {
      await world.captured(jan, 50_000);
      expect(await potOf(world.store, jan.personId, 'techniek')).toMatchObject({ availableCents: 0, reservedCents: 0 });
      const before = await transfersOf(world.store, jan.personId);

      world.at('2026-06-02T02:00:00.000Z');
      expect(await expirePots(world.dependencies)).toEqual({ processed: 0, skipped: 1, failed: 0 });
      expect(await expirePots(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
      expect(await transfersOf(world.store, jan.personId)).toEqual(before);
    });
  });

  describe('payouts', () => {
    it(
      'pays two captured claims of one provider in one payout of the exact sum, ' + 'with a SEPA file that validates',
      async () => {
        const full = await world.captured(fatima, 12_345);
        const partial = await world.captured(fatima, 20_000, noord, 10_001);
        const payable = () =>
          world.store
            .getPayableShards('opleidingen-noord')
            .then((shards) => shards.reduce((sum, shard) => sum + shard.balanceCents, 0));
        expect(await payable()).toBe(22_346);

        world.at('2026-05-21T02:00:00.000Z');
        const summary = await runPayouts(world.payouts);

        expect(summary).toMatchObject({ processed: 2, skipped: 0, failed: 0, payouts: 1 });
        const [payout, ...others] = await payoutsOf(world.store, 'opleidingen-noord');
        expect(others).toEqual([]);
        expect(payout).toMatchObject({
          amountCents: 22_346,
          providerName: 'Opleidingen Noord',
          iban: 'NL91ABNA0417164300',
          createdAt: '2026-05-21T02:00:00.000Z',
        });
        expect([...(payout?.claimIds ?? [])].sort()).toEqual([full.claimId, partial.claimId].sort());
        expect(await world.claim(full.claimId)).toMatchObject({ status: 'paid', payoutId: payout?.payoutId });
        expect(await world.claim(partial.claimId)).toMatchObject({ status: 'paid', payoutId: payout?.payoutId });
        expect(await payable()).toBe(0);

        const files = await payoutFiles(world.payoutDirectory);
        expect([...files.keys()]).toEqual(summary.files);
        expect(summary.files).toEqual([
          expect.stringMatching(/^2026-05-21\/pf-[0-9a-f]{24}\.pain\.001\.001\.09\.xml$/),
        ]);
        const [name, xml] = [...files][0] as [string, string];
        await expectValidPain001(path.join(world.payoutDirectory, name));
        expect(elements(xml, 'CtrlSum').map(cents)).toEqual([22_346, 22_346]);
        expect(elements(xml, 'InstdAmt')).toEqual(['223.46']);
        expect(elements(xml, 'NbOfTxs')).toEqual(['1', '1']);
        expect(elements(xml, 'EndToEndId')).toEqual([payout?.payoutId]);
        expect(elements(xml, 'IBAN')).toEqual([localPayer.iban, 'NL91ABNA0417164300']);
        expect(elements(xml, 'Ustrd')[0]).toContain(full.claimId.slice(0, 10));
        expect(xml).toContain('<ReqdExctnDt><Dt>2026-05-21</Dt></ReqdExctnDt>');

        // Nothing is left to pay, and nothing is paid or filed again.
        world.at('2026-05-22T02:00:00.000Z');
        expect(await runPayouts(world.payouts)).toEqual({
          processed: 0,
          skipped: 0,
          failed: 0,
          payouts: 0,
          files: [],
          held: [],
          stuckFiles: [],
          ibanHolds: [],
        });
        expect(await payoutFiles(world.payoutDirectory)).toEqual(files);
      },
    );

    it('pays each claim once when two runs race, and puts each payout in exactly one file', async () => {
      const claims = [
        await world.captured(fatima, 1_000),
        await world.captured(fatima, 2_000),
        await world.captured(jan, 3_000, zuid),
        await world.captured(fatima, 4_000),
        await world.captured(jan, 5_000, zuid),
        await world.captured(fatima, 6_000),
      ];

      world.at('2026-05-21T02:00:00.000Z');
      const summaries = await Promise.all([
        runPayouts(world.payouts, { claimsPerPayout: 2 }),
        runPayouts(world.payouts, { claimsPerPayout: 2 }),
      ]);

      expect(summaries.reduce((sum, summary) => sum + summary.processed, 0)).toBe(claims.length);
      expect(summaries.reduce((sum, summary) => sum + summary.failed, 0)).toBe(0);
      await expectEachClaimPaidOnce(world, claims);
    });

    it('pays each claim exactly once when a run crashes after its first payout and is run again', async () => {
      const claims = [
        await world.captured(fatima, 1_100),
        await world.captured(fatima, 2_200),
        await world.captured(fatima, 3_300),
        await world.captured(jan, 4_400, zuid),
        await world.captured(fatima, 5_500),
      ];

      world.at('2026-05-21T02:00:00.000Z');
      const crashing = crashAfterFirst(world.store, 'commitPayout');
      await runPayouts({ ...world.payouts, store: crashing }, { claimsPerPayout: 2 }).catch(() => undefined);
      const paidBeforeRerun = (await Promise.all(claims.map((claim) => world.claim(claim.claimId)))).filter(
        (claim) => claim.status === 'paid',
      );
      expect(paidBeforeRerun).toHaveLength(2);

      world.at('2026-05-21T02:05:00.000Z');
      const rerun = await runPayouts(world.payouts, { claimsPerPayout: 2 });
      expect(rerun).toMatchObject({ processed: 3, failed: 0 });
      await expectEachClaimPaidOnce(world, claims);
    });

    it('writes a file that a crashed run recorded but did not write, exactly once', async () => {
      const claims = [await world.captured(fatima, 7_000), await world.captured(jan, 8_000, zuid)];
      let puts = 0;
      const failingFiles: PayoutFileStore = {
        put: async (name, content) => {
          puts += 1;
          if (puts === 1) throw new Error('crash: the disk went away');
          return world.payouts.payoutFiles.put(name, content);
        },
      };

      world.at('2026-05-21T02:00:00.000Z');
      const crashed = await runPayouts({ ...world.payouts, payoutFiles: failingFiles });
      expect(crashed).toMatchObject({ processed: 2, failed: 1, payouts: 2, files: [] });
      expect(await payoutFiles(world.payoutDirectory)).toEqual(new Map());

      world.at('2026-05-21T02:10:00.000Z');
      const rerun = await runPayouts(world.payouts);
      expect(rerun).toMatchObject({ processed: 0, failed: 0, payouts: 0 });
      expect(rerun.files).toHaveLength(1);
      await expectEachClaimPaidOnce(world, claims);
    });

    it('writes a provider with a Greek name, and one with no Latin rendering, into a file that validates', async () => {
      await renameProvider(world, 'leerhuis-zuid', { name: 'Φροντιστήριο Αθηνών' });
      const claims = [await world.captured(fatima, 1_500), await world.captured(jan, 2_500, zuid)];

      world.at('2026-05-21T02:00:00.000Z');
      const summary = await runPayouts(world.payouts);

      expect(summary).toMatchObject({ processed: 2, failed: 0, payouts: 2, held: [], stuckFiles: [] });
      await expectEachClaimPaidOnce(world, claims);
      const [xml] = [...(await payoutFiles(world.payoutDirectory)).values()];
      expect(elements(xml ?? '', 'Nm').sort()).toEqual(
        [localPayer.name, localPayer.name, 'Opleidingen Noord', 'Frontistirio Athinon'].sort(),
      );

      await renameProvider(world, 'leerhuis-zuid', { name: '東京研修所' });
      const tokyo = await world.captured(jan, 3_500, zuid);
      world.at('2026-05-22T02:00:00.000Z');
      expect(await runPayouts(world.payouts)).toMatchObject({ processed: 1, failed: 0, payouts: 1 });
      await expectEachClaimPaidOnce(world, [...claims, tokyo]);
      const names = [...(await payoutFiles(world.payoutDirectory)).values()].flatMap((file) => elements(file, 'Nm'));
      expect(names).toContain('Provider leerhuis-zuid');
    });

    it('writes a file recorded before names were transliterated, when the next run renders it again', async () => {
      await renameProvider(world, 'leerhuis-zuid', { name: 'Φροντιστήριο Αθηνών' });
      const claims = [await world.captured(fatima, 1_500), await world.captured(jan, 2_500, zuid)];
      // The state the old builder left: the file recorded, its payouts stamped with it, no file written.
      const oldBuilder: PayoutFileStore = {
        put: async () => {
          throw new Error('pain.001: Nm may not be empty');
        },
      };
      world.at('2026-05-21T02:00:00.000Z');
      const broken = await runPayouts({ ...world.payouts, payoutFiles: oldBuilder });
      expect(broken).toMatchObject({ payouts: 2, files: [] });
      expect(broken.stuckFiles).toHaveLength(1);
      expect(await world.store.listPayoutFilesUnwritten(10)).toHaveLength(1);

      world.at('2026-05-22T02:00:00.000Z');
      const rerun = await runPayouts(world.payouts);
      expect(rerun).toMatchObject({ payouts: 0, failed: 0, stuckFiles: [] });
      expect(rerun.files).toHaveLength(1);
      await expectEachClaimPaidOnce(world, claims);
    });

    it('keeps a payout it cannot put in a SEPA file out of the file, reports it, and writes the others', async () => {
      // Registered before non-SEPA IBANs were refused: a Brazilian account.
      await renameProvider(world, 'leerhuis-zuid', { iban: 'BR1800360305000010009795493C1' });
      const good = [await world.captured(fatima, 1_500), await world.captured(fatima, 2_000)];
      const bad = await world.captured(jan, 2_500, zuid);
      const failures: string[] = [];

      world.at('2026-05-21T02:00:00.000Z');
      const summary = await runPayouts(world.payouts, { onFailure: (_job, itemId) => failures.push(itemId) });

      const [held] = await payoutsOf(world.store, 'leerhuis-zuid');
      expect(summary).toMatchObject({ processed: 3, payouts: 2, failed: 1, stuckFiles: [] });
      expect(summary.held).toEqual([
        { payoutId: held?.payoutId, providerId: 'leerhuis-zuid', problem: expect.stringMatching(/outside SEPA/) },
      ]);
      expect(failures).toEqual([`payout ${held?.payoutId}`]);
      expect(held?.fileId).toBeUndefined();
      for (const claim of good) expect(await world.claim(claim.claimId)).toMatchObject({ status: 'paid' });
      expect(await world.claim(bad.claimId)).toMatchObject({ status: 'paid', payoutId: held?.payoutId });
      const files = await payoutFiles(world.payoutDirectory);
      expect(summary.files).toHaveLength(1);
      expect(files.size).toBe(1);
      for (const [name, xml] of files) {
        await expectValidPain001(path.join(world.payoutDirectory, name));
        expect(elements(xml, 'IBAN')).toEqual([localPayer.iban, 'NL91ABNA0417164300']);
      }

      // Held, not forgotten: every run reports it again until someone deals with it.
      world.at('2026-05-22T02:00:00.000Z');
      const next = await runPayouts(world.payouts);
      expect(next).toMatchObject({ payouts: 0, failed: 1, files: [] });
      expect(next.held.map((each) => each.payoutId)).toEqual([held?.payoutId]);

      // Once the provider's registration names a SEPA account, and its cooling-off period is over,
      // the held payout goes to that account, and its record says so.
      world.at('2026-05-22T10:00:00.000Z');
      valueFrom(
        await registerProvider(world.dependencies, auditor, {
          providerId: 'leerhuis-zuid',
          name: 'Leerhuis Zuid',
          kvk: '87654321',
          iban: 'NL44RABO0123456789',
          status: 'active',
        }),
      );
      world.at('2026-05-23T02:00:00.000Z');
      expect((await runPayouts(world.payouts)).held.map((each) => each.payoutId)).toEqual([held?.payoutId]);
      world.at('2026-05-26T02:00:00.000Z');
      const repointed = await runPayouts(world.payouts);
      expect(repointed).toMatchObject({ failed: 0, held: [] });
      expect(repointed.files).toHaveLength(1);
      const [paid] = await payoutsOf(world.store, 'leerhuis-zuid');
      expect(paid).toMatchObject({
        payoutId: held?.payoutId,
        iban: 'NL44RABO0123456789',
        providerName: 'Leerhuis Zuid',
      });
      await expectEachClaimPaidOnce(world, [...good, bad]);
    });

    it('holds the payouts of a provider whose IBAN changed until its cooling-off ends, then pays it', async () => {
      const before = await world.captured(jan, 2_500, zuid);
      world.at('2026-05-20T12:00:00.000Z');
      valueFrom(
        await registerProvider(world.dependencies, auditor, {
          providerId: 'leerhuis-zuid',
          name: 'Leerhuis Zuid & Zonen',
          kvk: '87654321',
          iban: 'NL20INGB0001234567',
          status: 'active',
        }),
      );
      const after = await world.captured(fatima, 1_000, zuid);
      const other = await world.captured(fatima, 1_500);

      world.at('2026-05-21T02:00:00.000Z');
      const during = await runPayouts(world.payouts);
      expect(during).toMatchObject({ processed: 1, skipped: 2, failed: 0, payouts: 1 });
      expect(during.ibanHolds).toEqual([{ providerId: 'leerhuis-zuid', until: '2026-05-23T12:00:00.000Z' }]);
      expect(await world.claim(before.claimId)).toMatchObject({ status: 'captured' });
      expect(await world.claim(after.claimId)).toMatchObject({ status: 'captured' });
      expect(await world.claim(other.claimId)).toMatchObject({ status: 'paid' });

      world.at('2026-05-23T12:00:00.000Z');
      const over = await runPayouts(world.payouts);
      expect(over).toMatchObject({ processed: 2, failed: 0, payouts: 1, ibanHolds: [] });
      const [payout] = await payoutsOf(world.store, 'leerhuis-zuid');
      expect(payout).toMatchObject({ iban: 'NL20INGB0001234567', amountCents: 3_500 });
      await expectEachClaimPaidOnce(world, [before, after, other]);

      // Suspending and re-activating with the same IBAN is no change of IBAN: no new hold.
      for (const status of ['suspended', 'active'] as const) {
        valueFrom(
          await registerProvider(world.dependencies, auditor, {
            providerId: 'leerhuis-zuid',
            name: 'Leerhuis Zuid & Zonen',
            kvk: '87654321',
            iban: 'NL20INGB0001234567',
            status,
          }),
        );
      }
      expect(await world.store.getProvider('leerhuis-zuid')).toMatchObject({
        status: 'active',
        ibanChangedAt: '2026-05-20T12:00:00.000Z',
      });
    });
  });
});

/** Changes a provider's registration in the store, as a registration before this code's checks could have. */
async function renameProvider(world: World, providerId: string, change: { name?: string; iban?: string }) {
  const provider = await world.store.getProvider(providerId);
  if (provider === undefined) throw new Error(`no provider ${providerId}`);
  await world.store.putProvider({ ...provider, ...change });
}

/**
 * A store that works until the first call of `method` has succeeded, and then fails every call,
 * as a process that dies right after that write would.
 */
function crashAfterFirst(store: LedgerStore, method: keyof LedgerStore): LedgerStore {
  let crashed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (crashed) throw new Error('crash: the process died');
        const result = await (value as (...inner: unknown[]) => Promise<unknown>).apply(target, args);
        if (property === method) crashed = true;
        return result;
      };
    },
  });
}

/**
 * Every claim is `paid` in exactly one payout, the payouts add up to exactly what was captured, the
 * payable accounts are empty, and every payout is in exactly one SEPA file, each of which validates.
 */
async function expectEachClaimPaidOnce(world: World, claims: readonly Claim[]): Promise<void> {
  const payouts = [
    ...(await payoutsOf(world.store, 'opleidingen-noord')),
    ...(await payoutsOf(world.store, 'leerhuis-zuid')),
  ];
  const paidClaimIds = payouts.flatMap((payout) => payout.claimIds);
  expect([...paidClaimIds].sort()).toEqual(claims.map((claim) => claim.claimId).sort());
  for (const claim of claims) {
    const stored = await world.claim(claim.claimId);
    expect(stored.status).toBe('paid');
    expect(payouts.find((payout) => payout.payoutId === stored.payoutId)?.claimIds).toContain(claim.claimId);
  }
  const capturedCents = claims.reduce((sum, claim) => sum + (claim.capturedCents ?? 0), 0);
  expect(payouts.reduce((sum, payout) => sum + payout.amountCents, 0)).toBe(capturedCents);
  for (const providerId of ['opleidingen-noord', 'leerhuis-zuid']) {
    expect((await world.store.getPayableShards(providerId)).reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(
      0,
    );
  }

  const files = await payoutFiles(world.payoutDirectory);
  const filed: string[] = [];
  for (const [name, xml] of files) {
    await expectValidPain001(path.join(world.payoutDirectory, name));
    const amounts = elements(xml, 'InstdAmt').map(cents);
    expect(elements(xml, 'CtrlSum').map(cents)).toEqual([
      amounts.reduce((sum, amount) => sum + amount, 0),
      amounts.reduce((sum, amount) => sum + amount, 0),
    ]);
    filed.push(...elements(xml, 'EndToEndId'));
  }
  expect(filed.sort()).toEqual(payouts.map((payout) => payout.payoutId).sort());
  expect(await world.store.listPayoutsUnfiled(100)).toEqual([]);
  expect(await world.store.listPayoutFilesUnwritten(100)).toEqual([]);
}

/** Today as the API judges dates: in Amsterdam. */
function localToday(): string {
  return dateOf(new Date());
}

describe('GET /v1/payouts after the payouts job', () => {
  let system: TestSystem;
  let store: LedgerStore;
  let payoutDirectory: string;
  let client: TestTable['client'] | undefined;

  beforeAll(async () => {
    system = await startTestSystem();
    // The local system hands its table to the handlers through the environment, as Lambda does.
    client = dynamoClient(process.env['DYNAMODB_ENDPOINT']);
    store = new DynamoLedgerStore({ client, tableName: process.env['TABLE_NAME'] ?? '' });
    payoutDirectory = await mkdtemp(path.join(tmpdir(), 'leerrekening-payouts-'));
  });

  afterAll(async () => {
    await system?.stop();
    client?.destroy();
    if (payoutDirectory !== undefined) await rm(payoutDirectory, { recursive: true, force: true });
  });

  it('lists the payout to the provider that captured, with its claims and amount', async () => {
    const token = await system.token('provider-demo');
    const claimIds: string[] = [];
    for (const [index, amount] of [15_000, 9_999].entries()) {
      const created = await system.api('POST', '/v1/claims', {
        token,
        idempotencyKey: `payout-claim-${index}`,
        body: { bsn: '999993653', courseId: 'excel-basis', amount, startDate: localToday() },
      });
      expect(created.status).toBe(201);
      claimIds.push(created.body.claimId as string);
    }
    const citizen = await system.citizenToken('999993653');
    for (const [index, claimId] of claimIds.entries()) {
      expect(
        (
          await system.api('POST', `/v1/me/claims/${claimId}/approve`, {
            token: citizen,
            idempotencyKey: `payout-approve-${index}`,
          })
        ).status,
      ).toBe(200);
      const captured = await system.api('POST', `/v1/claims/${claimId}/capture`, {
        token,
        idempotencyKey: `payout-capture-${index}`,
        body: { amount: index === 0 ? 15_000 : 9_999, evidence: { kind: 'attendance', date: localToday() } },
      });
      expect(captured.status).toBe(200);
    }

    const summary: PayoutSummary = await runPayouts({
      store,
      now: () => new Date(),
      payoutFiles: new FilesystemPayoutFileStore(payoutDirectory),
      payer: localPayer,
    });
    expect(summary).toMatchObject({ processed: 2, payouts: 1, failed: 0 });

    const listed = await system.api('GET', '/v1/payouts', { token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        payoutId: expect.stringMatching(/^po-/),
        amount: 24_999,
        claims: expect.arrayContaining(claimIds),
        createdAt: expect.any(String),
      },
    ]);
    expect(listed.body.items[0].claims).toHaveLength(2);
    for (const claimId of claimIds) {
      const claim = await system.api('GET', `/v1/claims/${claimId}`, { token });
      expect(claim.body).toMatchObject({ status: 'paid', payoutId: listed.body.items[0].payoutId });
    }
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });
});
