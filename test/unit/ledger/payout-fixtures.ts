import type { Claim } from '../../../shared/ledger/claim.ts';
import type { Provider } from '../../../shared/ledger/provider.ts';

/** The payout run's time, and when the claims it pays were captured. */
export const at = '2026-05-21T02:00:00.000Z';
export const capturedAt = '2026-05-12T15:30:00.000Z';

/** The provider the payout tests pay. */
export const noord: Provider = {
  providerId: 'noord',
  name: 'Opleidingen Noord',
  kvk: '87654321',
  iban: 'NL91ABNA0417164300',
  status: 'active',
  updatedAt: at,
};

/** A claim of `noord` that captured `capturedCents`. */
export function captured(claimId: string, capturedCents: number, overrides: Partial<Claim> = {}): Claim {
  return {
    claimId,
    providerId: 'noord',
    providerName: 'Opleidingen Noord',
    personId: 'person-1',
    courseId: 'lassen-1',
    courseTitle: 'Lassen',
    category: 'techniek',
    amountCents: capturedCents,
    startDate: '2026-05-01',
    status: 'captured',
    // Captured before the payout, so the payout's own time on the paid claims shows.
    createdAt: capturedAt,
    updatedAt: capturedAt,
    approveBefore: at,
    capturedCents,
    ...overrides,
  };
}
