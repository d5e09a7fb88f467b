import type { Claim } from '../../../shared/ledger/claim.ts';

/**
 * A claim for Opleidingen Noord's €600 welding course, made on 20 May 2026 and awaiting the
 * person's approval; `overrides` set the status and what comes with it. The ledger edge tests
 * build their claims from this one.
 */
export function weldingClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    claimId: 'clm_1',
    providerId: 'opleidingen-noord',
    providerName: 'Opleidingen Noord',
    personId: 'person-1',
    courseId: 'lassen-1',
    courseTitle: 'Lassen voor beginners',
    category: 'techniek',
    amountCents: 60_000,
    startDate: '2026-06-01',
    status: 'awaiting_approval',
    createdAt: '2026-05-20T10:00:00.000Z',
    updatedAt: '2026-05-20T10:00:00.000Z',
    approveBefore: '2026-06-19T10:00:00.000Z',
    ...overrides,
  };
}
