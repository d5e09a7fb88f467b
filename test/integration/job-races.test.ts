/**
 * Races between a scheduled job and a person, on the real DynamoDB adapter (DynamoDB Local, a table
 * per test) and on the memory store: the provider's capture against the release job at the capture
 * deadline, the citizen's approval against the stale-claim job at the approval deadline, and the
 * citizen's approval against their own rejection from a second device. Each race runs on
 * {@link rounds} fresh claims (the deadline races on {@link sharedRounds} more); every round must
 * have exactly one winner, the money must follow that winner to the cent, the claim's status must be
 * the winner's, and the audit trail must hold exactly one success for the claim's deciding move.
 *
 * The clocks. At any one instant the claim's rules allow only one side: capture while `now` is
 * before `captureBefore`, expiry from `captureBefore` on (likewise for `approveBefore`), and the
 * jobs' work lists show a claim only once its deadline is strictly past (so at the deadline's very
 * millisecond neither acts, and the job's next run takes the claim). So with one shared clock a
 * deadline race is decided by the rules, not by the store. Most rounds give each side the clock
 * its own machine would plausibly read: the person's request 1 ms before the deadline, the job
 * 1 ms after it (the first instant its work list shows the claim). Both then pass their checks, and
 * only the store's condition on the claim's status can keep them from both moving the money. The
 * last rounds share one clock, to check that the rules decide those alone.
 *
 * Who wins a skewed round is up to timing, so one side or the other is held back a little, by a
 * different amount each round ({@link headStart}), to make both outcomes occur.
 */
import { randomInt } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveClaim } from '../../functions/approve-claim/use-case.ts';
import { captureClaim } from '../../functions/capture-claim/use-case.ts';
import { createClaim } from '../../functions/create-claim/use-case.ts';
import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { expireStaleClaims } from '../../functions/jobs/expire-stale-claims/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import { rejectClaim } from '../../functions/reject-claim/use-case.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { FailureReporter } from '../../shared/application/job.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { AuditAction, AuditRecord } from '../../shared/ledger/audit.ts';
import type { Claim, ClaimStatus } from '../../shared/ledger/claim.ts';
import { addDays } from '../../shared/ledger/dates.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { MemoryLedgerStore } from '../../shared/store/memory/memory-store.ts';
import { useTestTable } from '../support/dynamodb.ts';

/** How many fresh claims each race is run on. */
const rounds = 16;

const secret = 'job-races-test-person-id-secret';
const rijk: Principal = {
  role: 'funder',
  clientId: 'funder-rijk',
  orgId: 'rijksoverheid',
  orgName: 'Rijksoverheid',
  funderType: 'public',
};
const noord: Principal = {
  role: 'provider',
  clientId: 'provider-noord',
  orgId: 'opleidingen-noord',
  orgName: 'Opleidingen Noord',
};
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const janAsCitizen: Principal = { role: 'citizen', personId: jan.personId };
const start = '2026-05-20T10:00:00.000Z';
const today = '2026-05-20';
/** All the money there is: Jan's one deposit. */
const depositedCents = 100_000;
/** What each raced claim asks. */
const claimCents = 1_000;

function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

/** `instant` moved by `milliseconds`. */
function shifted(instant: string, milliseconds: number): string {
  return new Date(Date.parse(instant) + milliseconds).toISOString();
}

/** The UTC day of an instant, as audit periods count days (not `dateOf`, which is the Dutch date). */
function utcDayOf(instant: string): string {
  return instant.slice(0, 10);
}

/** Where the money is: Jan's pots (available, held) and what the provider was paid (payable). */
interface Money {
  readonly availableCents: number;
  readonly reservedCents: number;
  readonly payableCents: number;
}

interface Backend {
  readonly name: string;
  readonly open: () => Promise<{ readonly store: LedgerStore; readonly close: () => Promise<void> }>;
  /**
   * Holds one side back by `steps`: a couple of milliseconds each on DynamoDB Local, where each read
   * takes a few; one turn of the microtask queue each on the memory store, where nothing else waits.
   */
  readonly lag: (steps: number) => Promise<void>;
  /**
   * Whether the same rounds always end the same way, so that both outcomes occurring can be asserted:
   * on the memory store the microtask queue decides, the same every run; on DynamoDB Local the
   * machine's load does, so there the tally is printed and only each round's exclusivity asserted.
   */
  readonly deterministic: boolean;
}

const backends: readonly Backend[] = [
  {
    name: 'DynamoLedgerStore on DynamoDB Local',
    open: async () => {
      const table = await useTestTable();
      return {
        store: new DynamoLedgerStore({ client: table.client, tableName: table.tableName }),
        close: async () => {
          await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
          table.client.destroy();
        },
      };
    },
    deterministic: false,
    lag: (steps) => (steps === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, steps * 2))),
  },
  {
    name: 'MemoryLedgerStore',
    open: async () => ({ store: new MemoryLedgerStore(), close: async () => {} }),
    deterministic: true,
    lag: async (steps) => {
      for (let step = 0; step < steps; step += 1) await Promise.resolve();
    },
  },
];

/**
 * How far each side of round `round` is held back. Rounds 0 and 1 start both at once; after that
 * the person and the job take turns at a head start that grows by one step every two rounds, so the
 * rounds sweep the moment one side reads relative to the other's write, and both outcomes occur.
 */
function headStart(round: number): { readonly person: number; readonly job: number } {
  const steps = Math.floor(round / 2);
  return round % 2 === 0 ? { person: 0, job: steps } : { person: steps, job: 0 };
}

/**
 * How the clocks stand in a deadline round. `skewed`: each side reads its own clock, the person's
 * 1 ms before the deadline and the job's 1 ms after it, so both may act and only the store decides.
 * `before` and `after`: one clock for both, 1 ms before or after the deadline, where the claim's
 * rules allow one side only, whoever comes first.
 */
type Clocks = 'skewed' | 'before' | 'after';

/** Each race's time limit: its rounds each read the whole table to reconcile, on a machine that may be busy. */
const raceTimeout = 180_000;

/** Rounds with one clock for both after the skewed ones; see {@link schedule}. */
const sharedRounds = 8;

/**
 * The deadline races' rounds: {@link rounds} skewed ones, then {@link sharedRounds} with one clock,
 * `after` where {@link headStart} lets the person go first (a person who ignored the deadline would
 * win those) and `before` where it lets the job go first (a job that ignored it would win those).
 */
const schedule: readonly Clocks[] = [
  ...Array.from({ length: rounds }, () => 'skewed' as const),
  ...Array.from({ length: sharedRounds }, (_, index): Clocks => ((rounds + index) % 2 === 0 ? 'after' : 'before')),
];

/** Each side's clock in a round of kind `clocks` at `deadline`. */
function clocksAt(clocks: Clocks, deadline: string): { readonly person: string; readonly job: string } {
  const before = shifted(deadline, -1);
  const after = shifted(deadline, 1);
  if (clocks === 'skewed') return { person: before, job: after };
  return clocks === 'before' ? { person: before, job: before } : { person: after, job: after };
}

/** Who a round of kind `clocks` must go to, if the rules decide it. */
function ruledWinner<Side>(clocks: Clocks, person: Side, job: Side): Side | undefined {
  if (clocks === 'skewed') return undefined;
  return clocks === 'before' ? person : job;
}

/** Runs `action` once `backend` has held it back by `steps`. */
async function heldBack<T>(backend: Backend, steps: number, action: () => Promise<T>): Promise<T> {
  await backend.lag(steps);
  return action();
}

/** A ledger with one funder, one provider with one course, and Jan's deposit; each side gets its own clock. */
interface World {
  readonly store: LedgerStore;
  /** Dependencies whose clock stands still at `instant`: one process's view of the time. */
  at(instant: string): Dependencies;
  /** A claim for `claimCents` starting on `startDate`, made at `instant`. */
  claim(instant: string, startDate: string): Promise<string>;
  /** Jan approves the claim at `instant`. */
  approve(instant: string, claimId: string): Promise<void>;
  read(claimId: string): Promise<Claim>;
  money(): Promise<Money>;
  /** The audit entries about the claim over the whole UTC days of the instants `from` to `to`. */
  audit(claimId: string, from: string, to: string): Promise<AuditRecord[]>;
}

let keys = 0;

async function makeWorld(store: LedgerStore): Promise<World> {
  const at = (instant: string): Dependencies => ({
    store,
    personIdSecret: secret,
    now: () => new Date(instant),
    randomInt: (n) => randomInt(n),
  });
  const setup = at(start);
  valueFrom(
    await createScheme(setup, rijk, { schemeId: 'ontwikkelbudget', label: 'Ontwikkelbudget', expiresAfterMonths: 24 }),
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
    await createCourse(setup, noord, {
      courseId: 'lassen-1',
      title: 'Lassen voor beginners',
      category: 'techniek',
      price: 100_000,
    }),
  );
  valueFrom(
    await createDeposit(setup, rijk, {
      bsn: jan.bsn,
      schemeId: 'ontwikkelbudget',
      amount: depositedCents,
      idempotencyKey: 'dep-jan',
    }),
  );

  const read = async (claimId: string): Promise<Claim> => {
    const found = await store.getClaim(claimId);
    if (found === undefined) throw new Error(`no claim ${claimId}`);
    return found;
  };

  return {
    store,
    at,
    async claim(instant, startDate) {
      keys += 1;
      const created = valueFrom(
        await createClaim(at(instant), noord, {
          bsn: jan.bsn,
          courseId: 'lassen-1',
          amount: claimCents,
          startDate,
          idempotencyKey: `claim-${keys}`,
        }),
      );
      return (created.body as { claimId: string }).claimId;
    },
    async approve(instant, claimId) {
      keys += 1;
      valueFrom(await approveClaim(at(instant), janAsCitizen, { claimId, idempotencyKey: `approve-${keys}` }));
    },
    read,
    async money() {
      const pots = await store.listPots(jan.personId);
      const shards = await store.getPayableShards('opleidingen-noord');
      return {
        availableCents: pots.reduce((sum, pot) => sum + pot.availableCents, 0),
        reservedCents: pots.reduce((sum, pot) => sum + pot.reservedCents, 0),
        payableCents: shards.reduce((sum, shard) => sum + shard.balanceCents, 0),
      };
    },
    async audit(claimId, from, to) {
      const records: AuditRecord[] = [];
      let cursor: string | undefined;
      do {
        const period = { from: utcDayOf(from), to: utcDayOf(to) };
        const page = await store.listAudit(period, { limit: 200, ...(cursor !== undefined && { cursor }) });
        records.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return records.filter((record) => record.subject.claimId === claimId);
    },
  };
}

/** The ledger after a round: balanced, and every cent deposited is in a pot or with the provider. */
async function expectConsistent(world: World): Promise<Money> {
  expect(await world.store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  const money = await world.money();
  expect(money.availableCents + money.reservedCents + money.payableCents).toBe(depositedCents);
  return money;
}

/** Where the money went in a round. */
function moved(before: Money, after: Money): Money {
  return {
    availableCents: after.availableCents - before.availableCents,
    reservedCents: after.reservedCents - before.reservedCents,
    payableCents: after.payableCents - before.payableCents,
  };
}

/** The claim's successful audit entries among `actions`, by action. */
function successes(records: readonly AuditRecord[], actions: readonly AuditAction[]): AuditAction[] {
  return records
    .filter((record) => record.outcome === 'succeeded' && actions.includes(record.action))
    .map((record) => record.action);
}

/** The claim's refused audit entries for `action`, by code. */
function refusals(records: readonly AuditRecord[], action: AuditAction): (string | undefined)[] {
  return records.filter((record) => record.outcome === 'refused' && record.action === action).map((r) => r.code);
}

/** Counts the winners of a race over the rounds and prints the tally once. */
function tally<Side extends string>(race: string, sides: readonly Side[]) {
  const wins = Object.fromEntries(sides.map((side) => [side, 0])) as Record<Side, number>;
  return {
    wins,
    won(side: Side) {
      wins[side] += 1;
    },
    /** Prints the tally, and checks every round had one winner and, where that is deterministic, both sides won. */
    check(backend: Backend) {
      console.log(
        `${race} on ${backend.name}: ${sides.map((side) => `${side} ${wins[side]}`).join(', ')} of ${rounds}`,
      );
      expect(sides.reduce((total, side) => total + wins[side], 0)).toBe(rounds);
      if (backend.deterministic) for (const side of sides) expect(wins[side], side).toBeGreaterThan(0);
    },
  };
}

describe.each(backends)('races between a job and a person, $name', (backend) => {
  let world: World;
  let close: () => Promise<void>;
  const failures: unknown[] = [];
  const onFailure: FailureReporter = (_job, _itemId, error) => {
    failures.push(error);
  };

  beforeEach(async () => {
    const opened = await backend.open();
    close = opened.close;
    world = await makeWorld(opened.store);
    failures.length = 0;
  });

  afterEach(async () => {
    expect(failures).toEqual([]);
    await close();
  });

  it(
    'capture against the release job at the capture deadline: exactly one wins each claim, ' +
      'either the provider is paid and nothing released, or all is released and the capture refused (409)',
    async () => {
      // Another approved claim holds money in the same pot until long after the raced deadlines, so
      // the pot's held money would cover both a capture and a release of the raced claim: only the
      // claim's status condition stops both.
      const bystander = await world.claim(start, addDays(today, 60));
      await world.approve(start, bystander);
      // One claim per round, each starting a day later, so each has a capture deadline of its own
      // and the job run of one round finds only that round's claim due.
      const claimIds: string[] = [];
      for (const [round] of schedule.entries()) {
        const claimId = await world.claim(start, addDays(today, round));
        await world.approve(start, claimId);
        claimIds.push(claimId);
      }
      const races = tally('capture vs release-expired-reservations', ['captured', 'released'] as const);

      for (const [round, claimId] of claimIds.entries()) {
        const lag = headStart(round);
        const clocks = schedule[round] as Clocks;
        const claim = await world.read(claimId);
        const time = clocksAt(clocks, claim.captureBefore as string);
        const before = await world.money();
        keys += 1;
        const [capture, job] = await Promise.all([
          heldBack(backend, lag.person, () =>
            captureClaim(world.at(time.person), noord, {
              claimId,
              amount: claimCents,
              evidence: { kind: 'completion', date: claim.startDate },
              idempotencyKey: `capture-${keys}`,
            }),
          ),
          heldBack(backend, lag.job, () => releaseExpiredReservations(world.at(time.job), { onFailure })),
        ]);
        const after = await expectConsistent(world);
        const stored = await world.read(claimId);
        const audit = await world.audit(claimId, time.person, time.job);
        const decided = successes(audit, ['claim_capture', 'reservation_release']);
        const winner = capture.ok ? 'captured' : 'released';
        expect(winner, `round ${round}, ${clocks}`).toBe(ruledWinner(clocks, 'captured', 'released') ?? winner);
        if (clocks === 'skewed') races.won(winner);
        if (capture.ok) {
          expect(stored).toMatchObject({ status: 'captured' satisfies ClaimStatus, capturedCents: claimCents });
          expect(job).toEqual({ processed: 0, skipped: expect.any(Number), failed: 0 });
          expect(moved(before, after)).toEqual({
            availableCents: 0,
            reservedCents: -claimCents,
            payableCents: claimCents,
          });
          expect(decided).toEqual(['claim_capture']);
        } else {
          expect(capture.code).toBe('invalid_claim_state');
          expect(stored.status).toBe('expired' satisfies ClaimStatus);
          expect(stored.capturedCents).toBeUndefined();
          expect(job).toEqual({ processed: 1, skipped: 0, failed: 0 });
          expect(moved(before, after)).toEqual({
            availableCents: claimCents,
            reservedCents: -claimCents,
            payableCents: 0,
          });
          expect(decided).toEqual(['reservation_release']);
          expect(refusals(audit, 'claim_capture')).toEqual(['invalid_claim_state']);
        }
      }
      // The bystander still holds its money, untouched by every round.
      expect(await world.read(bystander)).toMatchObject({ status: 'approved' satisfies ClaimStatus });
      expect((await world.money()).reservedCents).toBe(claimCents);
      races.check(backend);
    },
    raceTimeout,
  );

  it(
    'approval against the stale-claim job at the approval deadline: exactly one wins each claim, ' +
      'either approved with the money held, or expired with nothing held and the approval refused (409)',
    async () => {
      // One claim per round, each made a minute later, so each has an approval deadline of its own
      // and the job run of one round finds only that round's claim due.
      const claimIds: string[] = [];
      for (const [round] of schedule.entries()) {
        claimIds.push(await world.claim(shifted(start, round * 60_000), today));
      }
      const races = tally('approve vs expire-stale-claims', ['approved', 'expired'] as const);

      for (const [round, claimId] of claimIds.entries()) {
        const lag = headStart(round);
        const clocks = schedule[round] as Clocks;
        const time = clocksAt(clocks, (await world.read(claimId)).approveBefore);
        const before = await world.money();
        keys += 1;
        const [approval, job] = await Promise.all([
          heldBack(backend, lag.person, () =>
            approveClaim(world.at(time.person), janAsCitizen, { claimId, idempotencyKey: `approve-${keys}` }),
          ),
          heldBack(backend, lag.job, () => expireStaleClaims(world.at(time.job), { onFailure })),
        ]);
        const after = await expectConsistent(world);
        const stored = await world.read(claimId);
        const audit = await world.audit(claimId, time.person, time.job);
        const decided = successes(audit, ['claim_approve', 'claim_expire']);
        const winner = approval.ok ? 'approved' : 'expired';
        expect(winner, `round ${round}, ${clocks}`).toBe(ruledWinner(clocks, 'approved', 'expired') ?? winner);
        if (clocks === 'skewed') races.won(winner);
        if (approval.ok) {
          expect(stored.status).toBe('approved' satisfies ClaimStatus);
          expect(stored.parts?.reduce((sum, part) => sum + part.amountCents, 0)).toBe(claimCents);
          expect(job).toEqual({ processed: 0, skipped: expect.any(Number), failed: 0 });
          expect(moved(before, after)).toEqual({
            availableCents: -claimCents,
            reservedCents: claimCents,
            payableCents: 0,
          });
          expect(decided).toEqual(['claim_approve']);
        } else {
          expect(approval.code).toBe('claim_not_approvable');
          expect(stored.status).toBe('expired' satisfies ClaimStatus);
          expect(stored.parts).toBeUndefined();
          expect(job).toEqual({ processed: 1, skipped: 0, failed: 0 });
          expect(moved(before, after)).toEqual({ availableCents: 0, reservedCents: 0, payableCents: 0 });
          expect(decided).toEqual(['claim_expire']);
          expect(refusals(audit, 'claim_approve')).toEqual(['claim_not_approvable']);
        }
      }
      races.check(backend);
    },
    raceTimeout,
  );

  it(
    'approval against rejection from the citizen’s other device: exactly one succeeds, the other is ' +
      'refused with 409 claim_not_approvable; approved holds the money, rejected holds nothing',
    async () => {
      const claimIds: string[] = [];
      for (let round = 0; round < rounds; round += 1) claimIds.push(await world.claim(start, today));
      const races = tally('approve vs reject', ['approved', 'rejected'] as const);
      const decidedAt = shifted(start, 3_600_000);

      for (const [round, claimId] of claimIds.entries()) {
        const lag = headStart(round);
        const before = await world.money();
        keys += 1;
        const [approval, rejection] = await Promise.all([
          // The approving device plays the person's side, the rejecting one the other.
          heldBack(backend, lag.person, () =>
            approveClaim(world.at(decidedAt), janAsCitizen, { claimId, idempotencyKey: `approve-${keys}` }),
          ),
          heldBack(backend, lag.job, () => rejectClaim(world.at(decidedAt), janAsCitizen, { claimId })),
        ]);
        const after = await expectConsistent(world);
        const stored = await world.read(claimId);
        const audit = await world.audit(claimId, decidedAt, decidedAt);
        const decided = successes(audit, ['claim_approve', 'claim_reject']);
        // Exactly one of the two succeeds.
        expect(approval.ok).not.toBe(rejection.ok);
        if (approval.ok) {
          races.won('approved');
          expect(!rejection.ok && rejection.code).toBe('claim_not_approvable');
          expect(stored.status).toBe('approved' satisfies ClaimStatus);
          expect(moved(before, after)).toEqual({
            availableCents: -claimCents,
            reservedCents: claimCents,
            payableCents: 0,
          });
          expect(decided).toEqual(['claim_approve']);
          expect(refusals(audit, 'claim_reject')).toEqual(['claim_not_approvable']);
        } else {
          races.won('rejected');
          expect(approval.code).toBe('claim_not_approvable');
          expect(stored.status).toBe('rejected' satisfies ClaimStatus);
          expect(stored.parts).toBeUndefined();
          expect(moved(before, after)).toEqual({ availableCents: 0, reservedCents: 0, payableCents: 0 });
          expect(decided).toEqual(['claim_reject']);
          expect(refusals(audit, 'claim_approve')).toEqual(['claim_not_approvable']);
        }
      }
      races.check(backend);
    },
    raceTimeout,
  );
});
