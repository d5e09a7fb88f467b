import { describe, expect, it } from 'vitest';
import {
  type CourseUse,
  type CourseUseChange,
  courseUseChangeFits,
  schemeKey,
} from '../../../shared/ledger/course-use.ts';

// A course priced 1 000 euros; scheme `lassen` of O&O-fonds Techniek pays at most 600 euros of it,
// scheme `stap` of the state at most 400 euros.
const priceCents = 100_000;
const lassen = { funderId: 'oa-techniek', schemeId: 'lassen', maxCents: 60_000 };
const stap = { funderId: 'rijk', schemeId: 'stap', maxCents: 40_000 };

function use(totalCents: number, lassenCents: number, stapCents = 0): CourseUse {
  return {
    totalCents,
    bySchemeCents: { [schemeKey('oa-techniek', 'lassen')]: lassenCents, [schemeKey('rijk', 'stap')]: stapCents },
  };
}

function change(totalDeltaCents: number, schemes: CourseUseChange['schemes']): CourseUseChange {
  return {
    personId: 'person-1',
    providerId: 'noord',
    courseId: 'lassen-1',
    totalDeltaCents,
    totalMaxCents: priceCents,
    schemes,
  };
}

describe('courseUseChangeFits', () => {
  it('refuses an addition when one of two schemes would pass its maximum, though the other fits', () => {
    const adds = change(30_000, [
      { ...lassen, deltaCents: 20_000 },
      { ...stap, deltaCents: 10_000 },
    ]);

    expect(courseUseChangeFits(use(70_000, 50_000, 20_000), adds)).toBe(false);
    expect(courseUseChangeFits(use(60_000, 40_000, 20_000), adds)).toBe(true);
  });

  // A use can lie above a limit already (a counter that predates the rule, a lowered maximum);
  // money going back must still be taken off, and a change that adds nothing is no addition.
  it.each([
    { what: 'takes off', deltaCents: -10_000 },
    { what: 'adds nothing', deltaCents: 0 },
  ])('lets a change that $what pass while the use lies above the price and the scheme maximum', ({ deltaCents }) => {
    const aboveBoth = use(120_000, 80_000);

    expect(courseUseChangeFits(aboveBoth, change(deltaCents, [{ ...lassen, deltaCents }]))).toBe(true);
  });

  it('refuses an addition that passes the price even when the scheme still has room', () => {
    expect(courseUseChangeFits(use(95_000, 10_000), change(10_000, [{ ...lassen, deltaCents: 10_000 }]))).toBe(false);
  });
});
