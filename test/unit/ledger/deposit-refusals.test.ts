import { describe, expect, it } from 'vitest';
import { type DepositRequest, planDeposit } from '../../../shared/ledger/deposit.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { initialBudgetShards } from '../../../shared/ledger/scheme-totals.ts';
import { budgetShards, deVries, ocw, scheme, today } from '../../contract/ledger-store/fixtures.ts';

/** What a funder reads when a deposit is refused: the code and the sentence, word for word. */

const shards = budgetShards;

function request(overrides: Partial<DepositRequest> & Pick<DepositRequest, 'scheme' | 'amountCents'>): DepositRequest {
  return {
    transferId: 'dep_1',
    personId: 'person-1',
    at: '2026-05-20T10:00:00.000Z',
    today,
    shards: [],
    shardStart: 0,
    ...overrides,
  };
}

describe('planDeposit refusals, word for word', () => {
  it.each([
    {
      scenario: 'one cent above the maximum of a single deposit',
      request: request({ scheme: scheme(ocw, 'stap'), amountCents: limits.depositAmountCentsMax + 1 }),
      code: 'amount_exceeds_max',
      detail: `A single deposit may be at most ${limits.depositAmountCentsMax} cents.`,
    },
    {
      scenario: 'an employer’s deposit for a person it does not employ',
      request: request({ scheme: scheme(deVries, 'opleiding', { revocable: true }), amountCents: 100 }),
      code: 'not_employed',
      detail: 'This person is not employed by you today. Register the employment first with POST /v1/employees.',
    },
    {
      scenario: 'a deposit into a scheme whose money expires today',
      request: request({ scheme: scheme(ocw, 'oud', { expiry: { kind: 'fixed', date: today } }), amountCents: 100 }),
      code: 'scheme_expired',
      detail: `Money in scheme oud expired on ${today}; it can no longer receive deposits.`,
    },
    {
      scenario: 'one cent more than the budget has left',
      request: request({
        scheme: scheme(ocw, 'pilot', { budgetCents: 1_000 }),
        amountCents: 1_001,
        shards: shards(initialBudgetShards(1_000)),
      }),
      code: 'budget_exceeded',
      detail: 'This deposit would exceed the budget of scheme pilot.',
    },
  ])('refuses $scenario', ({ request: deposit, code, detail }) => {
    expect(planDeposit(deposit)).toEqual({ ok: false, code, detail });
  });

  it('takes a deposit of exactly the maximum and exactly what the budget has left', () => {
    expect(planDeposit(request({ scheme: scheme(ocw, 'stap'), amountCents: limits.depositAmountCentsMax })).ok).toBe(
      true,
    );
    const pilot = scheme(ocw, 'pilot', { budgetCents: 1_000 });
    expect(
      planDeposit(request({ scheme: pilot, amountCents: 1_000, shards: shards(initialBudgetShards(1_000)) })).ok,
    ).toBe(true);
  });
});
