import { randomInt } from 'node:crypto';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { AuthorizerContext, Principal } from '../../shared/auth/principal.ts';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { runInFlight } from './in-flight.ts';

/**
 * The benchmark's world: one public funder with three schemes (one with a budget), and persons
 * who each already hold a pot in every scheme, so a balance overview reads three pots and a
 * deposit adds to a pot that exists (the steady state, not the first deposit ever).
 */

/** Pseudonymisation key for this run only; at least 16 characters, as `personIdFromBsn` demands. */
export const benchPersonIdSecret = 'bench-only-person-id-secret-0000';

/** The funder every deposit comes from, as the authorizer would pass it to the handlers. */
export const funderContext = {
  role: 'funder',
  clientId: 'bench-funder',
  orgId: 'bench-rijk',
  orgName: 'Rijksoverheid (benchmark)',
  funderType: 'public',
} as const satisfies AuthorizerContext;

export const funderPrincipal: Principal = funderContext;

/** Scheme ids; `budgeted` carries a budget far above anything the run deposits. */
export const schemeIds = { open: 'bench-open', budgeted: 'bench-budget', lasting: 'bench-lasting' } as const;

/** The budget of the budgeted scheme: €10 billion, so no deposit of the run is ever refused. */
const schemeBudgetCents = 1_000_000_000_000;

/** What each seeding deposit puts in a pot. */
const seedDepositCents = 50_000;

/** Seeding runs through the use case at this concurrency; it is set-up, not a measurement. */
const seedConcurrencyInFlight = 16;

/** First nine-digit number tried when looking for valid BSNs (the 9999… range is the test range). */
const bsnSearchStart = 999_000_000;

/** About one number in eleven passes the elfproef; this bounds the search generously. */
const bsnCandidatesPerPersonMax = 50;

/** A person of the benchmark: the BSN a funder sends and the id the citizen's token resolves to. */
export interface BenchPerson {
  readonly bsn: string;
  readonly personId: string;
}

/** `count` distinct BSNs that pass the elfproef, with their pseudonymous ids. */
export function benchPersons(count: number): BenchPerson[] {
  const persons: BenchPerson[] = [];
  const candidatesMax = count * bsnCandidatesPerPersonMax;
  for (let offset = 0; offset < candidatesMax && persons.length < count; offset += 1) {
    const bsn = String(bsnSearchStart + offset);
    if (isValidBsn(bsn)) persons.push({ bsn, personId: personIdFromBsn(bsn, benchPersonIdSecret) });
  }
  if (persons.length < count) throw new Error(`benchPersons: found only ${persons.length} valid BSNs of ${count}`);
  return persons;
}

/** Dependencies for calling use cases directly, as the handlers would build them. */
export function benchDependencies(store: LedgerStore): Dependencies {
  return { store, personIdSecret: benchPersonIdSecret, now: () => new Date(), randomInt: (n) => randomInt(n) };
}

/** Creates the three schemes and gives every person a pot in each, through the real use cases. */
export async function seedWorld(store: LedgerStore, persons: readonly BenchPerson[]): Promise<void> {
  const dependencies = benchDependencies(store);
  const schemes = [
    { schemeId: schemeIds.open, label: 'Ontwikkelbudget (no budget)', expiresAfterMonths: 24 },
    {
      schemeId: schemeIds.budgeted,
      label: 'Ontwikkelbudget (budgeted)',
      expiresAfterMonths: 12,
      budget: schemeBudgetCents,
    },
    { schemeId: schemeIds.lasting, label: 'Scholing zonder einddatum' },
  ];
  for (const scheme of schemes) {
    const outcome = await createScheme(dependencies, funderPrincipal, scheme);
    if (!outcome.ok) throw new Error(`seed: scheme ${scheme.schemeId}: ${outcome.code}`);
  }
  const deposits = persons.flatMap((person) => schemes.map((scheme) => ({ person, schemeId: scheme.schemeId })));
  await runInFlight(deposits.length, seedConcurrencyInFlight, async (index) => {
    const deposit = deposits[index];
    if (deposit === undefined) throw new Error(`seed: no deposit ${index}`);
    const outcome = await createDeposit(dependencies, funderPrincipal, {
      bsn: deposit.person.bsn,
      schemeId: deposit.schemeId,
      amount: seedDepositCents,
      idempotencyKey: `seed-${index}`,
    });
    if (!outcome.ok) throw new Error(`seed: deposit ${index}: ${outcome.code}`);
  });
}
