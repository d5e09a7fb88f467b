/**
 * Crashes at every step boundary (see `test/support/step-crashes.ts`): the payouts run with its
 * SEPA files and the three expiry jobs, each killed at each write it makes, just before the write
 * and just after it (the reply lost), and then run again on the same data until it is done; and the
 * same writes failing once in a run that goes on. The end must be exactly that of a run that never
 * failed: every claim paid once and filed once, every claim and pot expired once, and the ledger
 * balanced. All on DynamoDB Local, where a write is one transaction as it is in AWS. Deposit
 * batches are in step-crashes-batches.test.ts.
 *
 * Each job starts from the same world each time: the world is built once, its table is kept as a
 * snapshot, and each crash starts from that snapshot put back.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveClaim } from '../../functions/approve-claim/use-case.ts';
import { captureClaim } from '../../functions/capture-claim/use-case.ts';
import { createClaim } from '../../functions/create-claim/use-case.ts';
import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { expirePots } from '../../functions/jobs/expire-pots/use-case.ts';
import { expireStaleClaims } from '../../functions/jobs/expire-stale-claims/use-case.ts';
import { type PayoutSummary, runPayouts } from '../../functions/jobs/payouts/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import { localPayer } from '../../infra/local/jobs.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { JobSummary } from '../../shared/application/job.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import { addDays } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';
import type { Payout } from '../../shared/ledger/provider.ts';
import { FilesystemPayoutFileStore } from '../../shared/payouts/filesystem-payout-file-store.ts';
import { S3PayoutFileStore } from '../../shared/payouts/s3-payout-file-store.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { startFakeS3 } from '../support/fake-s3.ts';
import { pain001SchemaPath } from '../support/pain001-schema.ts';
import { noord, sector } from '../support/principals.ts';
import {
  type Bench,
  bench,
  expectBalanced,
  ledgerState,
  rijk,
  type Scope,
  secret,
  start,
  today,
  valueFrom,
} from '../support/step-crash-world.ts';
import {
  CrashingProcess,
  type CrashPoint,
  crashes,
  crashesAndFaults,
  crashSteps,
  describedAs,
  isCrash,
  labelOf,
  type StepKind,
  type TableSnapshot,
} from '../support/step-crashes.ts';

const run = promisify(execFile);

const zuid: Principal = {
  role: 'provider',
  clientId: 'provider-zuid',
  orgId: 'leerhuis-zuid',
  orgName: 'Leerhuis Zuid',
};
const providers = [noord, zuid] as const;
const providerIds = ['opleidingen-noord', 'leerhuis-zuid'];
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const fatima = { bsn: '999993653', personId: personIdFromBsn('999993653', secret) };
const citizens = [jan, fatima].map((citizen) => citizen.personId);
const citizenSchemes = [
  ['rijksoverheid', 'ontwikkelbudget'],
  ['oo-techniek', 'techniek'],
] as const;

/** Two funders' schemes, two providers with a course each, and money for Jan and Fatima. */
async function givenFundedWorld({ dependencies, store }: Bench): Promise<void> {
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
  for (const provider of providers) {
    await store.putProvider({
      providerId: provider.orgId,
      name: provider.orgName,
      kvk: '87654321',
      iban: provider === noord ? 'NL91ABNA0417164300' : 'NL44RABO0123456789',
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
  }
  const deposits = [
    [rijk, jan, 'ontwikkelbudget', 100_000],
    [sector, jan, 'techniek', 50_000],
    [rijk, fatima, 'ontwikkelbudget', 100_000],
    [sector, fatima, 'techniek', 10_000],
  ] as const;
  for (const [index, [funder, citizen, schemeId, amount]] of deposits.entries()) {
    valueFrom(
      await createDeposit(dependencies, funder, { bsn: citizen.bsn, schemeId, amount, idempotencyKey: `dep-${index}` }),
    );
  }
}

let keys = 0;

/** A claim of `amountCents` at `provider`, taken as far as `until`. */
async function givenClaim(
  { dependencies, store }: Bench,
  citizen: typeof jan,
  amountCents: number,
  provider: Principal,
  until: 'created' | 'approved' | 'captured',
  capturedCents = amountCents,
): Promise<Claim> {
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
  if (until !== 'created') {
    const owner: Principal = { role: 'citizen', personId: citizen.personId };
    valueFrom(await approveClaim(dependencies, owner, { claimId, idempotencyKey: `approve-${keys}` }));
  }
  if (until === 'captured') {
    const evidence = { kind: 'completion', date: today } as const;
    const input = { claimId, amount: capturedCents, evidence, idempotencyKey: `capture-${keys}` };
    valueFrom(await captureClaim(dependencies, provider, input));
  }
  const claim = await store.getClaim(claimId);
  if (claim === undefined) throw new Error(`no claim ${claimId}`);
  return claim;
}

describe('the payouts run killed at each step', () => {
  let world: Bench;
  let snapshot: TableSnapshot;
  let claims: Claim[];
  let directory: string;

  beforeAll(async () => {
    world = await bench();
    await givenFundedWorld(world);
    // Three payouts of at most two claims (two to Noord, one to Zuid) and one file with all three.
    claims = [
      await givenClaim(world, fatima, 1_100, noord, 'captured'),
      await givenClaim(world, fatima, 2_200, noord, 'captured'),
      await givenClaim(world, jan, 3_300, zuid, 'captured'),
      await givenClaim(world, fatima, 4_400, noord, 'captured'),
      await givenClaim(world, jan, 5_500, noord, 'captured', 5_000),
    ];
    snapshot = await world.snapshot();
    directory = await mkdtemp(path.join(tmpdir(), 'leerrekening-step-crashes-'));
  });

  afterAll(async () => {
    await world?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  /** From `from`: runs the payouts on a process that may crash, with an empty payout folder. */
  async function crashingRun(
    from: TableSnapshot,
    crash: CrashPoint | undefined,
    claimsPerPayout = 2,
  ): Promise<CrashingProcess> {
    await world.restore(from);
    await rm(directory, { recursive: true, force: true });
    world.set('2026-05-21T02:00:00.000Z');
    const process = new CrashingProcess(crash);
    const store = process.wrap(world.store, 'store');
    const payoutFiles = process.wrap(new FilesystemPayoutFileStore(directory), 'payoutFiles');
    await runPayouts({ ...world.dependencies, store, payoutFiles, payer: localPayer }, { claimsPerPayout }).catch(
      (error: unknown) => {
        if (!isCrash(error)) throw error;
      },
    );
    return process;
  }

  function plainRun(claimsPerPayout = 2): Promise<PayoutSummary> {
    const payoutFiles = new FilesystemPayoutFileStore(directory);
    return runPayouts({ ...world.dependencies, payoutFiles, payer: localPayer }, { claimsPerPayout });
  }

  const days = { from: '2026-05-21', to: '2026-05-21' };

  it('pays each claim once, in one payout and one file, after a crash or a failed write at any step', async () => {
    const clean = await crashingRun(snapshot, undefined);
    // The boundaries a clean run has: three payouts, the file recorded, written, and noted written.
    expect(clean.steps).toEqual([
      'store.commitPayout',
      'store.commitPayout',
      'store.commitPayout',
      'store.commitPayoutFile',
      'payoutFiles.put',
      'store.markPayoutFileWritten',
    ]);
    await expectEachClaimPaidOnce(world.store, claims, directory);
    const scope: Scope = {
      personIds: citizens,
      claimIds: claims.map((claim) => claim.claimId),
      schemes: citizenSchemes,
      providerIds,
      days,
    };
    const expected = await ledgerState(world.store, scope);
    expect(expected.payouts).toHaveLength(3);

    for (const fault of crashesAndFaults) {
      for (const step of crashSteps(clean.steps.length)) {
        await describedAs(labelOf(fault, step, clean.steps[step - 1]), async () => {
          const crashed = await crashingRun(snapshot, { ...fault, step });
          expect(crashed.faulted).toBe(true);
          expect(crashed.crashed).toBe(fault.survives !== true);
          if (crashed.crashed) expect(crashed.steps).toHaveLength(step);

          world.set('2026-05-21T02:10:00.000Z');
          const rerun = await plainRun();
          // One run again finishes it: nothing failed, nothing left for a third run.
          expect(rerun).toMatchObject({ failed: 0, held: [], stuckFiles: [] });
          await expectEachClaimPaidOnce(world.store, claims, directory);
          expect(await ledgerState(world.store, scope)).toEqual(expected);
          // And a third run finds nothing to do.
          expect(await plainRun()).toMatchObject({ processed: 0, failed: 0, payouts: 0, files: [] });
          await expectBalanced(world.store);
        });
      }
    }
  });

  // The defect this found: the S3 file store took a 409 (another conditional write of the key in
  // flight) for "the file is there", and the run noted the file written. When that other write
  // never finished (its run killed, or the SDK's own timed-out first attempt of this very put),
  // no file was ever written: the claims paid, the payouts stamped with the file, no money sent.
  it('writes a file to S3 whose put met a concurrent write that died, and notes it written only then', async () => {
    await world.restore(snapshot);
    await rm(directory, { recursive: true, force: true });
    const s3 = await startFakeS3(directory);
    try {
      s3.answerNext([409]);
      world.set('2026-05-21T02:00:00.000Z');
      const payoutFiles = new S3PayoutFileStore(s3.client, s3.bucket, '');
      const dependencies = { ...world.dependencies, payoutFiles, payer: localPayer };
      const first = await runPayouts(dependencies, { claimsPerPayout: 2 });
      expect(first).toMatchObject({ payouts: 3, failed: 0, stuckFiles: [] });
      world.set('2026-05-22T02:00:00.000Z');
      expect(await runPayouts(dependencies, { claimsPerPayout: 2 })).toMatchObject({ payouts: 0, failed: 0 });
      await expectEachClaimPaidOnce(world.store, claims, directory);
      // The put that met the conflict, and the one that wrote the file.
      expect(s3.puts).toHaveLength(2);
      await expectBalanced(world.store);
    } finally {
      await s3.stop();
    }
  });

  it('files each payout once over several files, and holds the unfilable one, after a crash at any step', async () => {
    const perFileBefore = limits.payoutsPerFileMax;
    try {
      // Files of at most two payouts, so the run records and writes two; Zuid's IBAN, registered
      // before non-SEPA accounts were refused, keeps its payout out of every file.
      Object.assign(limits, { payoutsPerFileMax: 2 });
      await world.restore(snapshot);
      const zuidRegistration = await world.store.getProvider('leerhuis-zuid');
      if (zuidRegistration === undefined) throw new Error('no Zuid');
      await world.store.putProvider({ ...zuidRegistration, iban: 'BR1800360305000010009795493C1' });
      const held = await world.snapshot();

      const clean = await crashingRun(held, undefined, 1);
      expect(clean.steps).toEqual([
        ...Array.from({ length: 5 }, () => 'store.commitPayout'),
        ...['store.commitPayoutFile', 'payoutFiles.put', 'store.markPayoutFileWritten'],
        ...['store.commitPayoutFile', 'payoutFiles.put', 'store.markPayoutFileWritten'],
      ]);
      await expectEachClaimPaidOnce(world.store, claims, directory, ['leerhuis-zuid']);
      const scope: Scope = {
        personIds: citizens,
        claimIds: claims.map((claim) => claim.claimId),
        schemes: citizenSchemes,
        providerIds,
        days,
      };
      const expected = await ledgerState(world.store, scope);
      expect(expected.payouts).toHaveLength(5);
      expect(await payoutFiles(directory)).toHaveProperty('size', 2);

      for (const fault of crashes) {
        for (const step of crashSteps(clean.steps.length)) {
          await describedAs(labelOf(fault, step, clean.steps[step - 1]), async () => {
            const crashed = await crashingRun(held, { ...fault, step }, 1);
            expect(crashed.crashed).toBe(true);
            expect(crashed.steps).toHaveLength(step);

            world.set('2026-05-21T02:10:00.000Z');
            const rerun = await plainRun(1);
            // Only the held payout fails, as it does in every run until its provider's IBAN is fixed.
            expect(rerun).toMatchObject({ failed: 1, stuckFiles: [] });
            expect(rerun.held.map((each) => each.providerId)).toEqual(['leerhuis-zuid']);
            await expectEachClaimPaidOnce(world.store, claims, directory, ['leerhuis-zuid']);
            expect(await ledgerState(world.store, scope)).toEqual(expected);
            expect(await plainRun(1)).toMatchObject({ processed: 0, failed: 1, payouts: 0, files: [] });
            await expectBalanced(world.store);
          });
        }
      }
    } finally {
      Object.assign(limits, { payoutsPerFileMax: perFileBefore });
    }
  });
});

/** Every SEPA file under `directory`, by name relative to it. */
async function payoutFiles(directory: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.xml')) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(directory, full), await readFile(full, 'utf8'));
    }
  }
  return files;
}

function elements(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((match) => match[1] as string);
}

function cents(euros: string): number {
  const [whole, fraction] = euros.split('.') as [string, string];
  return Number(whole) * 100 + Number(fraction);
}

/**
 * Every claim is `paid` in exactly one payout, the payouts add up to what was captured, the payable
 * accounts are empty, and every payout is in exactly one SEPA file, each of which validates, except
 * the payouts of `heldProviderIds`, which are in none and still waiting for one.
 */
async function expectEachClaimPaidOnce(
  store: LedgerStore,
  claims: readonly Claim[],
  directory: string,
  heldProviderIds: readonly string[] = [],
): Promise<void> {
  const payouts: Payout[] = [];
  for (const providerId of providerIds) payouts.push(...(await store.listPayouts(providerId, { limit: 200 })).items);
  expect(payouts.flatMap((payout) => payout.claimIds).sort()).toEqual(claims.map((claim) => claim.claimId).sort());
  for (const claim of claims) {
    const stored = await store.getClaim(claim.claimId);
    expect(stored?.status).toBe('paid');
    expect(payouts.find((payout) => payout.payoutId === stored?.payoutId)?.claimIds).toContain(claim.claimId);
  }
  const captured = claims.reduce((sum, claim) => sum + (claim.capturedCents ?? 0), 0);
  expect(payouts.reduce((sum, payout) => sum + payout.amountCents, 0)).toBe(captured);
  for (const providerId of providerIds) {
    const shards = await store.getPayableShards(providerId);
    expect(shards.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(0);
  }
  const filed: string[] = [];
  for (const [name, xml] of await payoutFiles(directory)) {
    const { stderr } = await run('xmllint', ['--noout', '--schema', pain001SchemaPath, path.join(directory, name)]);
    expect(stderr).toContain('validates');
    const amounts = elements(xml, 'InstdAmt').map(cents);
    const sum = amounts.reduce((total, amount) => total + amount, 0);
    expect(elements(xml, 'CtrlSum').map(cents)).toEqual([sum, sum]);
    filed.push(...elements(xml, 'EndToEndId'));
  }
  const held = (payout: Payout) => heldProviderIds.includes(payout.providerId);
  expect(filed.sort()).toEqual(
    payouts
      .filter((payout) => !held(payout))
      .map((payout) => payout.payoutId)
      .sort(),
  );
  const unfiled = (await store.listPayoutsUnfiled(100)).map((payout) => payout.payoutId);
  expect(unfiled.sort()).toEqual(
    payouts
      .filter(held)
      .map((payout) => payout.payoutId)
      .sort(),
  );
  expect(await store.listPayoutFilesUnwritten(100)).toEqual([]);
}

describe('the expiry jobs killed at each step', () => {
  let world: Bench;
  let snapshot: TableSnapshot;
  let claimIds: string[];

  beforeAll(async () => {
    world = await bench();
    await givenFundedWorld(world);
    const claims = [
      // Waiting for approval, and never approved: expire-stale-claims.
      await givenClaim(world, fatima, 1_000, noord, 'created'),
      await givenClaim(world, jan, 2_000, zuid, 'created'),
      // Approved and never captured: release-expired-reservations.
      await givenClaim(world, fatima, 30_000, noord, 'approved'),
      await givenClaim(world, jan, 20_000, zuid, 'approved'),
      // Captured, so no job's: it must stay as it is.
      await givenClaim(world, jan, 3_000, noord, 'captured'),
    ];
    claimIds = claims.map((claim) => claim.claimId);
    snapshot = await world.snapshot();
  });

  afterAll(async () => {
    await world?.close();
  });

  type Job = (dependencies: Dependencies) => Promise<JobSummary>;
  const jobs: ReadonlyArray<{ name: string; job: Job; at: string; summary: JobSummary; kind: StepKind }> = [
    // Two claims past their approval window. Every call is a step here (reads too), as a check
    // that a crash before a read leaves nothing a crash after the write before it does not.
    {
      name: 'expire-stale-claims',
      job: (dependencies) => expireStaleClaims(dependencies),
      at: '2026-07-01',
      summary: { processed: 2, skipped: 0, failed: 0 },
      kind: 'calls',
    },
    // Two claims past their capture window, their money back in the pots it came from.
    {
      name: 'release-expired-reservations',
      job: (dependencies) => releaseExpiredReservations(dependencies),
      at: '2026-12-01',
      summary: { processed: 2, skipped: 0, failed: 0 },
      kind: 'writes',
    },
    // Both Techniek pots, the day after they expire: Jan's expires what is not held for his claim;
    // all of Fatima's is held for hers, so her pot only leaves the work list (a write, but skipped).
    {
      name: 'expire-pots',
      job: (dependencies) => expirePots(dependencies),
      at: '2026-06-02',
      summary: { processed: 1, skipped: 1, failed: 0 },
      kind: 'writes',
    },
  ];

  for (const { name, job, at: day, summary, kind } of jobs) {
    it(`${name}: does its work once, after a crash or a failed write at any step and a run again`, async () => {
      const scope: Scope = {
        personIds: citizens,
        claimIds,
        schemes: citizenSchemes,
        providerIds,
        days: { from: day, to: addDays(day, 1) },
      };
      /** From the world as built: runs the job once, on a process that may crash. */
      const crashingRun = async (crash: CrashPoint | undefined) => {
        await world.restore(snapshot);
        world.set(`${day}T03:00:00.000Z`);
        const process = new CrashingProcess(crash, kind);
        const store = process.wrap(world.store, 'store');
        const summary = await job({ ...world.dependencies, store }).catch((error: unknown) => {
          if (!isCrash(error)) throw error;
          return undefined;
        });
        return { process, summary };
      };
      await world.restore(snapshot);
      const untouched = await ledgerState(world.store, scope);

      const clean = await crashingRun(undefined);
      expect(clean.summary).toEqual(summary);
      const commits = (steps: readonly string[]) => steps.filter((each) => each === 'store.commit').length;
      // One transaction per item: every item on the list is written once, done or only delisted.
      const items = summary.processed + summary.skipped;
      expect(commits(clean.process.steps)).toBe(items);
      if (kind === 'writes') expect(clean.process.steps).toHaveLength(items);
      const expected = await ledgerState(world.store, scope);
      // The job did change something, so a crash that loses its work cannot pass for a clean run.
      expect(expected).not.toEqual(untouched);
      await expectBalanced(world.store);

      for (const fault of crashesAndFaults) {
        for (const step of crashSteps(clean.process.steps.length)) {
          await describedAs(labelOf(fault, step, clean.process.steps[step - 1]), async () => {
            const crashed = await crashingRun({ ...fault, step });
            expect(crashed.process.faulted).toBe(true);
            expect(crashed.process.crashed).toBe(fault.survives !== true);
            if (crashed.process.crashed) expect(crashed.process.steps).toHaveLength(step);
            world.set(`${day}T03:10:00.000Z`);
            const rerun = await job(world.dependencies);
            // What the cut-off run wrote is not done again: the run again writes only the rest.
            const failedBeforeCommit = fault.timing === 'before' && crashed.process.steps[step - 1] === 'store.commit';
            const committed = commits(crashed.process.steps) - (failedBeforeCommit ? 1 : 0);
            expect(rerun.failed).toBe(0);
            expect(rerun.processed + rerun.skipped).toBe(items - committed);
            expect(rerun.processed).toBeLessThanOrEqual(summary.processed);
            expect(await ledgerState(world.store, scope)).toEqual(expected);
            expect(await job(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
            await expectBalanced(world.store);
          });
        }
      }
    });
  }
});
