import { isValidBsn } from '../identity/bsn.ts';
import { personIdFromBsn } from '../identity/person-id.ts';
import { limits } from '../ledger/limits.ts';
import { fail, type Outcome, succeed } from '../ledger/outcome.ts';
import type { LedgerStore } from '../store/ledger-store.ts';

/**
 * What use cases need from the world, passed in so tests can use the in-memory store and a fixed
 * clock. Every use case has the one signature `(dependencies, principal, input)` (a job's is
 * `(dependencies, options)`; the two public routes, health and openapi, have no caller, and only
 * openapi takes dependencies: the clock), and asks only for the part it uses, e.g.
 * `UseCaseDependencies<AccountStore, 'now'>`. Nothing in a use case, a handler or the store reads the
 * system clock: the time is always `dependencies.now()`.
 */
export interface Dependencies {
  readonly store: LedgerStore;
  /** Turns a BSN into the pseudonymous person id. */
  readonly personIdSecret: string;
  readonly now: () => Date;
  /** A random integer in [0, n), used to spread writes over shards. */
  readonly randomInt: (n: number) => number;
  /** Overrides `limits.claimsPerCoursePerYearMax` (configuration, or a test that needs a small cap). */
  readonly claimsPerCoursePerYearMax?: number;
}

/**
 * The part of {@link Dependencies} a use case uses: the store narrowed to the ports it calls, and
 * the other fields it names. `UseCaseDependencies<AccountStore & ProfileStore, 'now'>` reads
 * "lists pots, notes a first visit, and reads the clock".
 */
export type UseCaseDependencies<Store, Keys extends Exclude<keyof Dependencies, 'store'> = never> = {
  readonly store: Store;
} & Pick<Dependencies, Keys>;

/** Everything but the pseudonymisation key: what a use case that never sees a BSN needs. */
export type CoreDependencies = Omit<Dependencies, 'personIdSecret'>;

/** The yearly cap on one provider's claims for one course that applies to these dependencies. */
export function claimsPerCoursePerYearMaxOf(dependencies: Pick<Dependencies, 'claimsPerCoursePerYearMax'>): number {
  return dependencies.claimsPerCoursePerYearMax ?? limits.claimsPerCoursePerYearMax;
}

/**
 * The person id for a BSN from a request, or `unknown_person` when no person can have that number
 * because it fails the elfproef.
 */
export function personIdFor(dependencies: Pick<Dependencies, 'personIdSecret'>, bsn: string): Outcome<string> {
  if (!isValidBsn(bsn)) {
    return fail(
      'unknown_person',
      'No person has this BSN: it does not pass the elfproef (eleven test). Check the number.',
    );
  }
  return succeed(personIdFromBsn(bsn, dependencies.personIdSecret));
}
