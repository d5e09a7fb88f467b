import { describe, expect, it } from 'vitest';
import {
  type AllocationRequest,
  allocate,
  allocateChosen,
  allocationRequestFor,
  type ChosenPart,
  proposedAllocation,
} from '../../../shared/ledger/allocation.ts';
import type { CourseLimit } from '../../../shared/ledger/course-use.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import type { Funder } from '../../../shared/ledger/scheme.ts';

/**
 * The exact refusals of a citizen's own split (what the citizen reads, naming the scheme and its
 * funder when the citizen named one), the limits exactly at and one cent past, and the request a
 * claim makes with and without a course's earlier use.
 */

const rijk: Funder = { funderId: 'rijk', type: 'public', name: 'Rijksoverheid' };
const sector: Funder = { funderId: 'oo-techniek', type: 'sector', name: 'O&O-fonds Techniek' };
const today = '2026-05-20';

interface PotSpec {
  readonly funder: Funder;
  readonly schemeId: string;
  readonly available: number;
  readonly expiresAt?: string;
  readonly maxPerCourse?: number;
}

function pot({ funder, schemeId, available, expiresAt, maxPerCourse }: PotSpec): Pot {
  return {
    personId: 'person-1',
    potId: `${funder.funderId}#${schemeId}#${expiresAt ?? 'never'}`,
    schemeId,
    label: `${schemeId} label`,
    funder,
    ...(expiresAt !== undefined && { expiresAt }),
    revocable: false,
    ...(maxPerCourse !== undefined && { maxPerCourseCents: maxPerCourse }),
    availableCents: available,
    reservedCents: 0,
  };
}

const publicNever = pot({ funder: rijk, schemeId: 'ontwikkelbudget', available: 100_000 });
const publicJuly = pot({ funder: rijk, schemeId: 'ontwikkelbudget', available: 10_000, expiresAt: '2026-07-01' });
const sectorDecember = pot({
  funder: sector,
  schemeId: 'techniek-scholing',
  available: 60_000,
  expiresAt: '2026-12-31',
  maxPerCourse: 50_000,
});
// Two funders with a scheme called `scholing`.
const sectorScholing = pot({ funder: sector, schemeId: 'scholing', available: 10_000, expiresAt: '2026-12-31' });
const publicScholing = pot({ funder: rijk, schemeId: 'scholing', available: 90_000, expiresAt: '2027-12-31' });

function request(amountCents: number, course?: CourseLimit): AllocationRequest {
  return { amountCents, category: 'techniek', today, ...(course !== undefined && { course }) };
}

/** A course of `priceCents` for which the person's other claims use 40,000 cents of techniek-scholing. */
function courseUsed(priceCents: number): CourseLimit {
  return { priceCents, used: { totalCents: 40_000, bySchemeCents: { 'oo-techniek#techniek-scholing': 40_000 } } };
}

describe('allocateChosen refusals, word for word', () => {
  it.each<{
    scenario: string;
    pots: Pot[];
    claim: AllocationRequest;
    chosen: ChosenPart[];
    code: string;
    detail: string;
  }>([
    {
      scenario: 'a scheme the person has no money in',
      pots: [publicNever],
      claim: request(1_000),
      chosen: [{ schemeId: 'onbekend', amountCents: 1_000 }],
      code: 'invalid_split',
      detail: 'None of your money in scheme onbekend can pay for this course.',
    },
    {
      scenario: 'a scheme named with a funder that does not fund it',
      pots: [sectorScholing, publicScholing],
      claim: request(1_000),
      chosen: [{ schemeId: 'scholing', funderId: 'de-vries', amountCents: 1_000 }],
      code: 'invalid_split',
      detail: 'None of your money in scheme scholing of de-vries can pay for this course.',
    },
    {
      scenario: 'a scheme id two funders use, without a funder',
      pots: [sectorScholing, publicScholing],
      claim: request(1_000),
      chosen: [{ schemeId: 'scholing', amountCents: 1_000 }],
      code: 'ambiguous_scheme',
      detail:
        'More than one funder has a scheme scholing that can pay for this course (oo-techniek, rijk). ' +
        'Say which one with funderId.',
    },
    {
      scenario: 'the same scheme twice, once with its funder',
      pots: [publicNever],
      claim: request(1_000),
      chosen: [
        { schemeId: 'ontwikkelbudget', amountCents: 500 },
        { schemeId: 'ontwikkelbudget', funderId: 'rijk', amountCents: 500 },
      ],
      code: 'invalid_split',
      detail: 'Scheme ontwikkelbudget of rijk appears twice in the split.',
    },
    {
      scenario: 'one cent past a scheme’s maximum per course',
      pots: [sectorDecember],
      claim: request(60_000),
      chosen: [{ schemeId: 'techniek-scholing', funderId: 'oo-techniek', amountCents: 50_001 }],
      code: 'invalid_split',
      detail:
        'Scheme techniek-scholing of oo-techniek pays at most 50000 cents per course; ' +
        '50000 cents of that is left for this course.',
    },
    {
      scenario: 'one cent past what the maximum leaves after other claims for the course',
      pots: [sectorDecember],
      claim: request(40_000, courseUsed(100_000)),
      chosen: [{ schemeId: 'techniek-scholing', amountCents: 10_001 }],
      code: 'invalid_split',
      detail:
        'Scheme techniek-scholing pays at most 50000 cents per course; 10000 cents of that is left for this course.',
    },
    {
      scenario: 'one cent more than the scheme’s pots hold',
      pots: [publicJuly],
      claim: request(20_000),
      chosen: [{ schemeId: 'ontwikkelbudget', amountCents: 10_001 }],
      code: 'insufficient_funds',
      detail: 'There is not enough money in scheme ontwikkelbudget for 10001 cents.',
    },
    {
      scenario: 'one cent more than the claim',
      pots: [publicNever],
      claim: request(10_000),
      chosen: [{ schemeId: 'ontwikkelbudget', amountCents: 10_001 }],
      code: 'invalid_split',
      detail: 'The split adds up to 10001 cents, more than the claim of 10000 cents.',
    },
    {
      scenario: 'one cent more than the course price leaves after other claims',
      pots: [sectorDecember, publicNever],
      claim: request(40_000, courseUsed(60_000)),
      chosen: [
        { schemeId: 'techniek-scholing', amountCents: 10_000 },
        { schemeId: 'ontwikkelbudget', amountCents: 10_001 },
      ],
      code: 'invalid_split',
      detail:
        'The split adds up to 20001 cents, but your pots may pay only 20000 cents more for this course: ' +
        'together with your other claims for it, they pay at most its price.',
    },
  ])('refuses $scenario', ({ pots, claim, chosen, code, detail }) => {
    expect(allocateChosen(claim, pots, chosen)).toEqual({ ok: false, code, detail });
  });

  it('takes a split exactly at the scheme’s maximum, the claim and what the price leaves', () => {
    expect(
      allocateChosen(
        request(40_000, courseUsed(60_000)),
        [sectorDecember, publicNever],
        [
          { schemeId: 'techniek-scholing', amountCents: 10_000 },
          { schemeId: 'ontwikkelbudget', amountCents: 10_000 },
        ],
      ),
    ).toEqual({
      ok: true,
      allocation: {
        parts: [
          { potId: sectorDecember.potId, schemeId: 'techniek-scholing', funderId: 'oo-techniek', amountCents: 10_000 },
          { potId: publicNever.potId, schemeId: 'ontwikkelbudget', funderId: 'rijk', amountCents: 10_000 },
        ],
        ownContributionCents: 20_000,
      },
    });
  });
});

describe('allocateChosen and the number of pots one claim may draw on', () => {
  // One cent in each of many pots of one scheme, each expiring on its own day of January 2027.
  const pennyPots = Array.from({ length: limits.partsPerClaimMax + 1 }, (_, index) =>
    pot({
      funder: rijk,
      schemeId: 'ontwikkelbudget',
      available: 1,
      expiresAt: `2027-01-${String(index + 1).padStart(2, '0')}`,
    }),
  );

  it('takes a split that draws on exactly the maximum number of pots', () => {
    const result = allocateChosen(request(1_000), pennyPots, [
      { schemeId: 'ontwikkelbudget', amountCents: limits.partsPerClaimMax },
    ]);

    expect(result.ok && result.allocation.parts.length).toBe(limits.partsPerClaimMax);
  });

  it('refuses a split that draws on one pot more, saying how many and what to do', () => {
    expect(
      allocateChosen(request(1_000), pennyPots, [
        { schemeId: 'ontwikkelbudget', amountCents: limits.partsPerClaimMax + 1 },
      ]),
    ).toEqual({
      ok: false,
      code: 'invalid_split',
      detail:
        `The split draws on ${limits.partsPerClaimMax + 1} of your pots; one claim can draw on at most ` +
        `${limits.partsPerClaimMax}. Choose less from the schemes whose money is spread over many pots.`,
    });
  });
});

describe('allocationRequestFor and proposedAllocation', () => {
  const claim = { amountCents: 60_000, category: 'techniek' };
  const course: CourseLimit = { priceCents: 60_000, used: { totalCents: 45_000, bySchemeCents: {} } };

  it('asks for the claim alone when there is no course use, with no course field at all', () => {
    expect(allocationRequestFor(claim, today)).toStrictEqual({ amountCents: 60_000, category: 'techniek', today });
  });

  it('carries the course use, so the pots pay only what the price leaves', () => {
    expect(allocationRequestFor(claim, today, course)).toStrictEqual({
      amountCents: 60_000,
      category: 'techniek',
      today,
      course,
    });
    expect(proposedAllocation(claim, [publicNever], today, course)).toEqual({
      parts: [{ potId: publicNever.potId, schemeId: 'ontwikkelbudget', funderId: 'rijk', amountCents: 15_000 }],
      ownContributionCents: 45_000,
    });
  });
});

describe('allocate and the number of pots one claim may draw on', () => {
  it(`draws on at most ${limits.partsPerClaimMax} pots; what one more would pay is the citizen's own part`, () => {
    const pennyPots = Array.from({ length: limits.partsPerClaimMax + 1 }, (_, index) =>
      pot({
        funder: rijk,
        schemeId: 'ontwikkelbudget',
        available: 1,
        expiresAt: `2027-02-${String(index + 1).padStart(2, '0')}`,
      }),
    );

    const allocation = allocate(request(limits.partsPerClaimMax + 1), pennyPots);

    expect(allocation.parts).toHaveLength(limits.partsPerClaimMax);
    expect(allocation.parts.map((part) => part.potId)).toEqual(
      pennyPots.slice(0, limits.partsPerClaimMax).map((penny) => penny.potId),
    );
    expect(allocation.ownContributionCents).toBe(1);
  });
});
