/**
 * The preview of an end of employment (`POST /v1/employees/end/preview`) on the real DynamoDB
 * adapter (DynamoDB Local): it says what the end would return, the end then returns exactly that,
 * and the preview itself moves nothing and ends nothing. Its refusals are the end's.
 */
import { randomInt } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { endEmployment } from '../../functions/end-employment/use-case.ts';
import { previewEndEmployment } from '../../functions/preview-end-employment/use-case.ts';
import { registerEmployee } from '../../functions/register-employee/use-case.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';

const secret = 'preview-end-employment-test-secret';
const employer: Principal = {
  role: 'employer',
  clientId: 'employer-bouw',
  orgId: '12345678',
  orgName: 'Bouwbedrijf De Vries',
  funderType: 'employer',
};
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const fatima = { bsn: '999993653', personId: personIdFromBsn('999993653', secret) };
const today = '2026-05-20';

function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

describe('previewing the end of an employment', () => {
  let table: TestTable;
  let store: DynamoLedgerStore;
  let dependencies: Dependencies;

  const preview = (bsn: string, endDate = today) => previewEndEmployment(dependencies, employer, { bsn, endDate });

  /** What the person's pots hold, and how many transfers they have had: what a preview may not change. */
  async function moneyOf(personId: string) {
    const pots = await store.listPots(personId);
    const transfers = await store.listTransfers(personId, { limit: 200 });
    return {
      pots: pots.map((pot) => [pot.potId, pot.availableCents, pot.reservedCents]),
      transfers: transfers.items.length,
    };
  }

  beforeAll(async () => {
    table = await useTestTable();
    store = new DynamoLedgerStore({ client: table.client, tableName: table.tableName });
    dependencies = {
      store,
      personIdSecret: secret,
      now: () => new Date(`${today}T10:00:00.000Z`),
      randomInt: (n) => randomInt(n),
    };
    for (const [schemeId, revocable] of [
      ['vakmanschap', true],
      ['veiligheid', true],
      ['diploma', false],
    ] as const) {
      valueFrom(await createScheme(dependencies, employer, { schemeId, label: schemeId, revocable }));
    }
    valueFrom(await registerEmployee(dependencies, employer, { bsn: jan.bsn, startDate: '2026-01-01' }));
    for (const [schemeId, amount] of [
      ['vakmanschap', 45_000],
      ['veiligheid', 12_550],
      ['diploma', 80_000],
    ] as const) {
      valueFrom(
        await createDeposit(dependencies, employer, {
          bsn: jan.bsn,
          schemeId,
          amount,
          idempotencyKey: `deposit-${schemeId}`,
        }),
      );
    }
  });

  afterAll(async () => {
    expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
    await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
    table.client.destroy();
  });

  it('refuses what the end refuses, with the same codes', async () => {
    expect(await preview('999990018')).toMatchObject({ ok: false, code: 'unknown_person' });
    expect(await preview(fatima.bsn)).toMatchObject({ ok: false, code: 'not_employed' });
    expect(await preview(jan.bsn, '2026-05-21')).toMatchObject({ ok: false, code: 'invalid_end_date' });
    expect(await preview(jan.bsn, '2025-12-31')).toMatchObject({ ok: false, code: 'invalid_end_date' });
  });

  it('says what the end returns (the revocable pots only), and the end then returns exactly that', async () => {
    const before = await moneyOf(jan.personId);

    const first = valueFrom(await preview(jan.bsn));
    const second = valueFrom(await preview(jan.bsn));
    expect(first).toEqual({ statusCode: 200, body: { returned: 57_550 } });
    expect(second).toEqual(first);
    // Nothing moved and the employment goes on: the pots and the history are as they were.
    expect(await moneyOf(jan.personId)).toEqual(before);
    expect(await store.getEmployment('12345678', jan.personId)).not.toMatchObject({ endDate: expect.anything() });

    const ended = valueFrom(
      await endEmployment(dependencies, employer, { bsn: jan.bsn, endDate: today, idempotencyKey: 'end-jan' }),
    );
    expect(ended.body).toEqual(first.body);
    expect((await moneyOf(jan.personId)).transfers).toBe(before.transfers + 2);

    // Once ended, there is nothing more to end.
    expect(await preview(jan.bsn)).toMatchObject({ ok: false, code: 'not_employed' });
  });
});
