import { potAccount, providerAccount } from './accounts.ts';
import type { Allocation } from './allocation.ts';
import type { Claim } from './claim.ts';
import { type CourseUseChange, type CourseUseSchemeChange, schemeKey } from './course-use.ts';
import { limits } from './limits.ts';
import { formatEuros } from './money.ts';
import type { Pot } from './pot.ts';
import type { Movement, PotChange, Transfer } from './transfer.ts';

/**
 * The two-phase half of the ledger, as in TigerBeetle: approving a claim reserves money inside the
 * pots (pending); the provider captures part or all of it (posted, pot → provider), and the rest
 * is released (voided). Transfer ids derive from the claim, and every step is written together
 * with the claim's status change under a condition on the old status, so each step happens once.
 */

function identityOf(pots: readonly Pot[], potId: string): PotChange['pot'] {
  const pot = pots.find((candidate) => candidate.potId === potId);
  if (pot === undefined) throw new Error(`reservation: claim part names pot ${potId}, which the person does not have`);
  const { availableCents: _available, reservedCents: _reserved, ...identity } = pot;
  return identity;
}

function transfer(
  claim: Claim,
  fields: Omit<Transfer, 'personId' | 'claimId' | 'creditAccount' | 'debitAccount'>,
): Transfer {
  return {
    ...fields,
    debitAccount: potAccount(claim.personId, fields.potId),
    creditAccount: providerAccount(claim.providerId),
    personId: claim.personId,
    claimId: claim.claimId,
  };
}

/**
 * The change to the person's use of the claim's course by `amounts` per pot part (positive when
 * held, negative when released), one entry per scheme; undefined for a claim that is not counted
 * (approved before the rule) or when nothing changes. An increase carries the limits: each
 * scheme's maximum per course and the course price.
 */
function courseUseChange(
  claim: Claim,
  pots: readonly Pot[],
  amounts: ReadonlyArray<{ readonly potId: string; readonly deltaCents: number }>,
): CourseUseChange | undefined {
  if (claim.coursePriceCents === undefined) return undefined;
  const schemes = new Map<string, CourseUseSchemeChange>();
  let total = 0;
  for (const { potId, deltaCents } of amounts) {
    if (deltaCents === 0) continue;
    const pot = identityOf(pots, potId);
    const key = schemeKey(pot.funder.funderId, pot.schemeId);
    const before = schemes.get(key);
    schemes.set(key, {
      funderId: pot.funder.funderId,
      schemeId: pot.schemeId,
      deltaCents: (before?.deltaCents ?? 0) + deltaCents,
      ...(deltaCents > 0 && pot.maxPerCourseCents !== undefined && { maxCents: pot.maxPerCourseCents }),
    });
    total += deltaCents;
  }
  if (total === 0) return undefined;
  return {
    personId: claim.personId,
    providerId: claim.providerId,
    courseId: claim.courseId,
    totalDeltaCents: total,
    ...(total > 0 && { totalMaxCents: claim.coursePriceCents }),
    schemes: [...schemes.values()],
  };
}

/**
 * Holds the allocated parts in their pots: available goes down, reserved goes up, by the same
 * amount. A claim approved with its course price (`Claim.coursePriceCents`) also adds what it
 * holds to the person's use of the course, within each scheme's maximum and the price.
 */
export function planReservation(claim: Claim, allocation: Allocation, pots: readonly Pot[], at: string): Movement {
  const courseUse = courseUseChange(
    claim,
    pots,
    allocation.parts.map((part) => ({ potId: part.potId, deltaCents: part.amountCents })),
  );
  return {
    ...(courseUse !== undefined && { courseUseChange: courseUse }),
    potChanges: allocation.parts.map((part) => ({
      pot: identityOf(pots, part.potId),
      availableDeltaCents: -part.amountCents,
      reservedDeltaCents: part.amountCents,
    })),
    totalChanges: [],
    transfers: allocation.parts.map((part, index) =>
      transfer(claim, {
        transferId: `res_${claim.claimId}_${index}`,
        type: 'reservation',
        at,
        amountCents: part.amountCents,
        potId: part.potId,
        schemeId: part.schemeId,
        funderId: part.funderId,
        availableEffectCents: -part.amountCents,
        description: `${formatEuros(part.amountCents, 'en')} held for ${claim.courseTitle} by ${claim.providerName}`,
      }),
    ),
  };
}

/**
 * Takes `captureCents` of what a claim holds, part by part in order, and releases the rest, in one
 * movement. The provider's payable account gains exactly what the pots lose. What is released is
 * taken off the person's use of the course (for a counted claim); what is captured stays on it.
 */
export function planCapture(
  claim: Claim,
  captureCents: number,
  pots: readonly Pot[],
  at: string,
  shard: number,
): Movement {
  const parts = claim.parts ?? [];
  const held = parts.reduce((total, part) => total + part.amountCents, 0);
  if (!Number.isSafeInteger(captureCents) || captureCents < 0 || captureCents > held) {
    throw new Error(`planCapture: capture of ${captureCents} must be checked against the ${held} held first`);
  }
  let left = captureCents;
  const potChanges: PotChange[] = [];
  const transfers: Transfer[] = [];
  const releases: Array<{ potId: string; deltaCents: number }> = [];
  parts.forEach((part, index) => {
    const captured = Math.min(left, part.amountCents);
    const released = part.amountCents - captured;
    left -= captured;
    releases.push({ potId: part.potId, deltaCents: -released });
    potChanges.push({
      pot: identityOf(pots, part.potId),
      availableDeltaCents: released,
      reservedDeltaCents: -part.amountCents,
    });
    const common = { at, potId: part.potId, schemeId: part.schemeId, funderId: part.funderId };
    if (captured > 0) {
      transfers.push(
        transfer(claim, {
          ...common,
          transferId: `cap_${claim.claimId}_${index}`,
          type: 'capture',
          amountCents: captured,
          // Captured money was already held, so it does not change what the person can spend.
          availableEffectCents: 0,
          description: `${claim.providerName} received ${formatEuros(captured, 'en')} for ${claim.courseTitle}`,
        }),
      );
    }
    if (released > 0) {
      transfers.push(
        transfer(claim, {
          ...common,
          transferId: `rel_${claim.claimId}_${index}`,
          type: 'release',
          amountCents: released,
          availableEffectCents: released,
          description:
            `${formatEuros(released, 'en')} held for ${claim.courseTitle} by ${claim.providerName} ` +
            'is available again',
        }),
      );
    }
  });
  const courseUse = courseUseChange(claim, pots, releases);
  return {
    potChanges,
    totalChanges: [],
    transfers,
    ...(courseUse !== undefined && { courseUseChange: courseUse }),
    ...(captureCents > 0 && {
      payableChanges: [
        { providerId: claim.providerId, shard: shard % limits.schemeTotalShards, balanceDeltaCents: captureCents },
      ],
    }),
  };
}

/** Releases everything a claim holds (cancelled by the provider, or not captured in time). */
export function planRelease(claim: Claim, pots: readonly Pot[], at: string): Movement {
  return planCapture(claim, 0, pots, at, 0);
}
