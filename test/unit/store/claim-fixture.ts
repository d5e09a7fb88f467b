import type { Claim } from '../../../shared/ledger/claim.ts';

/** The person, instant and claim the store edge tests write with. */
export const anna = 'person-anna';
export const at = '2026-05-20T10:00:00.000Z';

/** A claim of one course waiting for Anna's approval, with nothing split over pots yet. */
export const claim: Claim = {
  claimId: 'clm_1',
  providerId: 'opleidingen-noord',
  providerName: 'Opleidingen Noord',
  personId: anna,
  courseId: 'lassen-1',
  courseTitle: 'Lassen voor beginners',
  category: 'vakopleiding',
  amountCents: 125,
  startDate: '2026-05-20',
  status: 'awaiting_approval',
  createdAt: at,
  updatedAt: at,
  approveBefore: '2026-06-19T10:00:00.000Z',
  parts: [],
  ownContributionCents: 0,
};
