import { approveClaim } from '../../functions/approve-claim/use-case.ts';
import { captureClaim } from '../../functions/capture-claim/use-case.ts';
import { createClaim } from '../../functions/create-claim/use-case.ts';
import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import type { AuthorizerContext, Principal } from '../../shared/auth/principal.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { type ApiHandler, type Invocation, invocation, routeOf } from './api-events.ts';
import { type RunFigures, type RunSample, runInFlight, summarize } from './in-flight.ts';
import { concurrencyInFlight } from './throughput.ts';
import { measure, type Probe, probeOf, succeeded, type UseCaseCapacity } from './use-case-cost.ts';
import { type BenchPerson, benchDependencies, benchPersons, funderPrincipal, schemeIds } from './world.ts';

/**
 * The claim flow's share of `npm run bench`: what creating, approving and capturing a claim cost
 * in capacity units, and approvals and captures per second through the real handlers.
 *
 * Capacity: the use cases are called directly, as their handlers call them, on a client that asks
 * for consumed capacity on every request, with persons whose pots (€2,000 in each of the world's
 * three schemes) make the default split of a course's price touch one, two or three pots. The
 * rules column charges every transaction item 2 WCU per started KB of the larger of the item
 * before and after (a ConditionCheck as a write of the item it checks, as AWS bills it); the
 * index column adds what the table's three GSIs (all projecting every attribute) cost by
 * DynamoDB's rules for index writes: 1 per started KB per index entry written, 2 entries when an
 * index key changes. DynamoDB Local's figures for these transactions match the rules for some and
 * not for others, in both directions (awslabs/amazon-dynamodb-local-samples#31): plan with the rules.
 *
 * Throughput: claims are made beforehand through the create-claim use case (not timed), then
 * approved through the approve-claim handler as their citizen and captured in full through the
 * capture-claim handler as the provider, in rounds (approvals then captures of the same claims),
 * after a warm-up of each.
 */

/** The provider every claim comes from, as the authorizer would pass it to the handlers. */
export const providerContext = {
  role: 'provider',
  clientId: 'bench-provider',
  orgId: 'bench-opleider',
  orgName: 'Opleidingen (benchmark)',
} as const satisfies AuthorizerContext;

const providerPrincipal: Principal = providerContext;

/** What each claims person gets in each of the world's three schemes: €2,000. */
const potDepositCents = 200_000;

/**
 * Courses whose price, claimed in full, the default split takes from one, two or three pots
 * (pots pay in expiry order: the budgeted scheme's, then the open one's, then the lasting one's).
 */
const potCourses = [
  { pots: 1, courseId: 'bench-claim-1-pot', priceCents: 150_000 },
  { pots: 2, courseId: 'bench-claim-2-pots', priceCents: 300_000 },
  { pots: 3, courseId: 'bench-claim-3-pots', priceCents: 500_000 },
] as const;

/** What a partial capture leaves to be released: €100, taken from the last pot the claim holds. */
const partialReleaseCents = 10_000;

/** Claims measured per pot count and per capture kind; the figures are deterministic, so two confirm it. */
const capacitySamplesCount = 2;

/** The claim of the throughput runs: €50, so each person's first pot pays for all of theirs. */
const throughputClaimCents = 5_000;

/**
 * Courses the throughput claims are spread over, so that claims made at once update different
 * yearly claim counters (each is a condition of its claim's transaction).
 */
const throughputCoursesCount = concurrencyInFlight;

/** Persons the throughput claims go to, in turn; more than in flight, so concurrent approvals touch different pots. */
const throughputPersonsCount = 64;

/** Approvals (and then captures) before the measured ones. */
export const claimsWarmupCount = 96;

/** Approvals and captures measured, each, over all rounds. */
export const claimsMeasuredCount = 400;

/** Each round approves a batch of claims and then captures the same batch. */
export const claimsMeasuredRoundsCount = 4;

export type { UseCaseCapacity } from './use-case-cost.ts';

export interface ClaimsFigures {
  readonly createClaim: UseCaseCapacity;
  /** Default split over 1, 2 and 3 pots. */
  readonly approvals: readonly UseCaseCapacity[];
  /** The whole held amount taken, for claims held in 1, 2 and 3 pots. */
  readonly capturesFull: readonly UseCaseCapacity[];
  /** All but `partialReleaseCents` taken and that released in the same transaction, for 1, 2 and 3 pots. */
  readonly capturesPartial: readonly UseCaseCapacity[];
  /** True when every sample of a kind gave the same figures. */
  readonly stable: boolean;
  readonly note: string;
  readonly throughput: {
    readonly potsPerApproval: number;
    readonly claimCents: number;
    readonly persons: number;
    readonly warmupCount: number;
    readonly roundsCount: number;
    readonly approvals: RunFigures;
    readonly captures: RunFigures;
  };
}

export interface ClaimsSetup {
  readonly endpoint: string;
  readonly tableName: string;
  /** The store to set up with; its client is not measured. */
  readonly store: LedgerStore;
  /** How many BSNs the world's persons took: the claims persons are the next ones, so no pot is shared. */
  readonly worldPersonsCount: number;
  readonly runId: string;
}

function at<T>(list: readonly T[], index: number, what: string): T {
  const entry = list[index];
  if (entry === undefined) throw new Error(`claims: no ${what} at ${index}`);
  return entry;
}

function citizenContext(person: BenchPerson) {
  return { role: 'citizen', personId: person.personId } as const satisfies AuthorizerContext;
}

/** The claim id (and parts per scheme, once approved) from a use case's or handler's claim view. */
function claimOf(body: unknown): { claimId: string; parts: number } {
  const view = body as { claimId?: unknown; parts?: unknown[] };
  if (typeof view.claimId !== 'string') throw new Error(`claims: answer without a claim id: ${JSON.stringify(body)}`);
  return { claimId: view.claimId, parts: view.parts?.length ?? 0 };
}

/** The provider, its courses, and pots for every claims person, through the real use cases. */
async function setUpWorld(store: LedgerStore, persons: readonly BenchPerson[], today: string): Promise<void> {
  const dependencies = benchDependencies(store);
  await store.putProvider({
    providerId: providerContext.orgId,
    name: providerContext.orgName,
    kvk: '12345678',
    iban: 'NL91ABNA0417164300',
    status: 'active',
    updatedAt: new Date().toISOString(),
  });
  const courses = [
    ...potCourses.map((course) => ({ courseId: course.courseId, price: course.priceCents })),
    // A person's claims for one course together take at most its price (limits per person and course),
    // and the throughput runs give each person several claims for each cheap course.
    ...Array.from({ length: throughputCoursesCount }, (_, index) => ({
      courseId: `bench-claim-cheap-${index}`,
      price: throughputClaimCents * Math.ceil((claimsWarmupCount + claimsMeasuredCount) / throughputPersonsCount),
    })),
  ];
  for (const course of courses) {
    succeeded(
      await createCourse(dependencies, providerPrincipal, {
        ...course,
        title: `Cursus ${course.courseId}`,
        category: 'techniek',
      }),
      `course ${course.courseId}`,
    );
  }
  const schemes = Object.values(schemeIds);
  const deposits = persons.flatMap((person) => schemes.map((schemeId) => ({ person, schemeId })));
  await runInFlight(deposits.length, concurrencyInFlight, async (index) => {
    const { person, schemeId } = at(deposits, index, 'deposit');
    const deposit = { bsn: person.bsn, schemeId, amount: potDepositCents, idempotencyKey: `claims-seed-${index}` };
    succeeded(await createDeposit(dependencies, funderPrincipal, deposit), 'seed deposit');
  });
  // These persons have logged in, as a citizen who approves claims has: their claims are not flagged.
  await runInFlight(persons.length, concurrencyInFlight, async (index) =>
    store.recordFirstSeen(at(persons, index, 'person').personId, `${today}T00:00:00.000Z`),
  );
}

function sameFigures(list: readonly UseCaseCapacity[]): boolean {
  const first = list[0];
  return (
    first !== undefined &&
    list.every(
      (entry) =>
        entry.pots === first.pots &&
        entry.commitReportedWcu === first.commitReportedWcu &&
        entry.commitRulesWcu === first.commitRulesWcu &&
        entry.indexRulesWcu === first.indexRulesWcu &&
        entry.readsReportedRcu === first.readsReportedRcu,
    )
  );
}

function firstOf(list: readonly UseCaseCapacity[]): UseCaseCapacity {
  return at(list, 0, 'sample');
}

/** Capacity per create, approval (1, 2, 3 pots) and capture (full and partial), with fresh persons for each claim. */
async function measureCapacity(
  probe: Probe,
  persons: readonly BenchPerson[],
  runId: string,
  startDate: string,
  today: string,
) {
  const creates: UseCaseCapacity[] = [];
  const approvals = new Map<number, UseCaseCapacity[]>();
  const captures = { full: new Map<number, UseCaseCapacity[]>(), partial: new Map<number, UseCaseCapacity[]>() };
  let personIndex = 0;
  for (const course of potCourses) {
    for (const kind of ['full', 'partial'] as const) {
      for (let sample = 0; sample < capacitySamplesCount; sample += 1) {
        const person = at(persons, personIndex, 'capacity person');
        const tag = `${runId}-${personIndex}`;
        personIndex += 1;
        const created = await measure(probe, 'create claim', (store) =>
          createClaim(benchDependencies(store), providerPrincipal, {
            bsn: person.bsn,
            courseId: course.courseId,
            amount: course.priceCents,
            startDate,
            idempotencyKey: `capacity-claim-${tag}`,
          }),
        );
        creates.push(created.capacity);
        const { claimId } = claimOf(created.reply.body);
        const citizen: Principal = citizenContext(person);
        const approved = await measure(probe, `approve, ${course.pots} pot${course.pots === 1 ? '' : 's'}`, (store) =>
          approveClaim(benchDependencies(store), citizen, { claimId, idempotencyKey: `capacity-approve-${tag}` }),
        );
        if (claimOf(approved.reply.body).parts !== course.pots || approved.capacity.pots !== course.pots) {
          throw new Error(
            `claims: ${course.courseId} was meant to be held in ${course.pots} pots, got ${approved.capacity.pots}`,
          );
        }
        approvals.set(course.pots, [...(approvals.get(course.pots) ?? []), approved.capacity]);
        const amount = kind === 'full' ? course.priceCents : course.priceCents - partialReleaseCents;
        const captured = await measure(
          probe,
          `capture ${kind}, ${course.pots} pot${course.pots === 1 ? '' : 's'}`,
          (store) =>
            captureClaim(benchDependencies(store), providerPrincipal, {
              claimId,
              amount,
              evidence: { kind: 'attendance', date: today },
              idempotencyKey: `capacity-capture-${tag}`,
            }),
        );
        captures[kind].set(course.pots, [...(captures[kind].get(course.pots) ?? []), captured.capacity]);
      }
    }
  }
  const byPots = (map: Map<number, UseCaseCapacity[]>) => potCourses.map((course) => map.get(course.pots) ?? []);
  const groups = [creates, ...byPots(approvals), ...byPots(captures.full), ...byPots(captures.partial)];
  return {
    createClaim: firstOf(creates),
    approvals: byPots(approvals).map(firstOf),
    capturesFull: byPots(captures.full).map(firstOf),
    capturesPartial: byPots(captures.partial).map(firstOf),
    stable: groups.every(sameFigures),
  };
}

/** Invokes a handler for every prepared event; any answer but 200 ends the run with its body. */
function invokeAll(
  handler: ApiHandler,
  invocations: readonly Invocation[],
  check: (body: unknown) => void,
): Promise<RunSample> {
  return runInFlight(invocations.length, concurrencyInFlight, async (index) => {
    const { event, context } = at(invocations, index, 'invocation');
    const result = await handler(event, context);
    if (result.statusCode !== 200)
      throw new Error(`claims: ${event.httpMethod} ${event.path} answered ${result.statusCode}: ${result.body}`);
    check(JSON.parse(result.body) as unknown);
  });
}

async function measureThroughput(
  setup: ClaimsSetup,
  persons: readonly BenchPerson[],
  startDate: string,
  today: string,
) {
  const { store, runId } = setup;
  const perRoundCount = Math.ceil(claimsMeasuredCount / claimsMeasuredRoundsCount);
  const claimsCount = claimsWarmupCount + perRoundCount * claimsMeasuredRoundsCount;
  const personAt = (index: number) => at(persons, index % persons.length, 'throughput person');

  // The claims, made beforehand and not timed; neighbouring indexes have different persons and courses.
  const claimIds: string[] = new Array(claimsCount);
  const dependencies = benchDependencies(store);
  await runInFlight(claimsCount, concurrencyInFlight, async (index) => {
    const body = {
      bsn: personAt(index).bsn,
      courseId: `bench-claim-cheap-${index % throughputCoursesCount}`,
      amount: throughputClaimCents,
      startDate,
    };
    const idempotencyKey = `throughput-claim-${runId}-${index}`;
    const created = await createClaim(dependencies, providerPrincipal, { ...body, idempotencyKey });
    claimIds[index] = claimOf(succeeded(created, 'throughput claim').body).claimId;
  });

  const approveRoute = routeOf('approve-claim');
  const captureRoute = routeOf('capture-claim');
  const approvals = (from: number, count: number): Invocation[] =>
    Array.from({ length: count }, (_, offset) => {
      const index = from + offset;
      return invocation(
        approveRoute,
        { 'idempotency-key': `approve-${runId}-${index}`, authorization: 'Bearer benchmark' },
        undefined,
        citizenContext(personAt(index)),
        { claimId: at(claimIds, index, 'claim') },
      );
    });
  const captures = (from: number, count: number): Invocation[] =>
    Array.from({ length: count }, (_, offset) => {
      const index = from + offset;
      return invocation(
        captureRoute,
        {
          'content-type': 'application/json',
          'idempotency-key': `capture-${runId}-${index}`,
          authorization: 'Bearer benchmark',
        },
        { amount: throughputClaimCents, evidence: { kind: 'attendance', date: today } },
        { ...providerContext },
        { claimId: at(claimIds, index, 'claim') },
      );
    });
  const approvedInOnePot = (body: unknown) => {
    const { parts } = claimOf(body);
    if (parts !== 1) throw new Error(`claims: a throughput approval was held in ${parts} pots, not 1`);
  };
  const capturedInFull = (body: unknown) => {
    const view = body as { status?: string; captured?: number };
    if (view.status !== 'captured' || view.captured !== throughputClaimCents)
      throw new Error(`claims: capture answered ${JSON.stringify(body)}`);
  };

  const approveModule = await import('../../functions/approve-claim/handler.ts');
  const captureModule = await import('../../functions/capture-claim/handler.ts');
  const approveHandler = approveModule.handler as ApiHandler;
  const captureHandler = captureModule.handler as ApiHandler;

  await invokeAll(approveHandler, approvals(0, claimsWarmupCount), approvedInOnePot);
  await invokeAll(captureHandler, captures(0, claimsWarmupCount), capturedInFull);
  const samples = { approvals: [] as RunSample[], captures: [] as RunSample[] };
  for (let roundIndex = 0; roundIndex < claimsMeasuredRoundsCount; roundIndex += 1) {
    const from = claimsWarmupCount + roundIndex * perRoundCount;
    // Everything a run sends is built before its clock starts.
    const approving = approvals(from, perRoundCount);
    const capturing = captures(from, perRoundCount);
    samples.approvals.push(await invokeAll(approveHandler, approving, approvedInOnePot));
    samples.captures.push(await invokeAll(captureHandler, capturing, capturedInFull));
  }
  return {
    potsPerApproval: 1,
    claimCents: throughputClaimCents,
    persons: persons.length,
    warmupCount: claimsWarmupCount,
    roundsCount: claimsMeasuredRoundsCount,
    approvals: summarize(samples.approvals),
    captures: summarize(samples.captures),
  };
}

/**
 * The claims phase: sets up a provider, courses and fresh persons, measures capacity per claim
 * step, then approvals and captures per second. Needs the world's schemes (seedWorld) and the
 * handlers' environment (TABLE_NAME and so on) set.
 */
export async function measureClaims(setup: ClaimsSetup): Promise<ClaimsFigures> {
  const capacityPersonsCount = potCourses.length * 2 * capacitySamplesCount;
  const persons = benchPersons(setup.worldPersonsCount + capacityPersonsCount + throughputPersonsCount).slice(
    setup.worldPersonsCount,
  );
  const capacityPersons = persons.slice(0, capacityPersonsCount);
  const throughputPersons = persons.slice(capacityPersonsCount);
  if (throughputPersons.length < concurrencyInFlight) throw new Error('claims: fewer persons than requests in flight');
  const today = dateOf(new Date());
  // Yesterday: evidence dated today lies after the start, even if the run crosses midnight (UTC).
  const startDate = addDays(today, -1);

  await setUpWorld(setup.store, persons, today);
  const probe = probeOf(setup.endpoint, setup.tableName);
  try {
    const capacity = await measureCapacity(probe, capacityPersons, setup.runId, startDate, today);
    const throughput = await measureThroughput(setup, throughputPersons, startDate, today);
    const all = [capacity.createClaim, ...capacity.approvals, ...capacity.capturesFull, ...capacity.capturesPartial];
    const disagreeing = all
      .filter((entry) => entry.commitReportedWcu !== entry.commitRulesWcu)
      .map((entry) => entry.request);
    return {
      ...capacity,
      note:
        'By rules: 2 WCU per started KB per transaction item, of the larger of the item before and after; ' +
        'a ConditionCheck is billed as a write. ' +
        'GSI writes: 1 WCU per started KB per index entry written (2 entries when an index key changes), ' +
        'which DynamoDB Local never reports. ' +
        (disagreeing.length === 0
          ? 'DynamoDB Local’s transaction figures match the rules here. '
          : `DynamoDB Local’s transaction figures differ from the rules for ${disagreeing.length} of these ` +
            `${all.length} requests (${disagreeing.join('; ')}; awslabs/amazon-dynamodb-local-samples#31): ` +
            'plan with the rules. ') +
        'Reads as DynamoDB Local reported them ' +
        '(right for single reads and Queries; a missing item costs 1, an eventually consistent read 0.5).',
      throughput,
    };
  } finally {
    probe.client.destroy();
    probe.peek.destroy();
  }
}
