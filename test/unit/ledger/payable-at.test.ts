import { describe, expect, it } from 'vitest';
import { limits } from '../../../shared/ledger/limits.ts';
import { payableAt } from '../../../shared/ledger/provider.ts';

const now = new Date('2026-05-21T12:00:00Z');
const hourMs = 3_600_000;

describe('payableAt', () => {
  it('is payable for an active provider whose IBAN never changed', () => {
    expect(payableAt({ status: 'active' }, now)).toEqual({ payable: true });
  });

  it('is not payable for a suspended provider, held IBAN or not', () => {
    expect(payableAt({ status: 'suspended' }, now)).toEqual({ payable: false, reason: 'suspended' });
    expect(payableAt({ status: 'suspended', ibanChangedAt: now.toISOString() }, now)).toEqual({
      payable: false,
      reason: 'suspended',
    });
  });

  it('holds payouts until the cooling-off period after an IBAN change has passed', () => {
    const changedAt = new Date(now.getTime() - hourMs);
    const heldUntil = new Date(changedAt.getTime() + limits.ibanChangeHoldHours * hourMs);
    const provider = { status: 'active', ibanChangedAt: changedAt.toISOString() } as const;
    expect(payableAt(provider, now)).toEqual({
      payable: false,
      reason: 'iban_changed',
      heldUntil: heldUntil.toISOString(),
    });
    expect(payableAt(provider, heldUntil)).toEqual({ payable: true });
  });
});
