import { potAccount, providerAccount } from './accounts.ts';
import type { Allocation } from './allocation.ts';
import type { Claim } from './claim.ts';
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

/** Holds the allocated parts in their pots: available goes down, reserved goes up, by the same amount. */
export function planReservation(claim: Claim, allocation: Allocation, pots: readonly Pot[], at: string): Movement {
  return {
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
 * movement. The provider's payable account gains exactly what the pots lose.
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
  parts.forEach((part, index) => {
    const captured = Math.min(left, part.amountCents);
    const released = part.amountCents - captured;
    left -= captured;
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
  return {
    potChanges,
    totalChanges: [],
    transfers,
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
