import { afterEach, describe, expect, it } from 'vitest';
import { payerFromEnvironment } from '../../../shared/runtime/payout-environment.ts';

/** The paying account is an IBAN input too: the payouts job refuses to start with one SEPA cannot pay from. */
describe('payerFromEnvironment', () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  function withPayer(name: string, iban: string) {
    process.env['PAYER_NAME'] = name;
    process.env['PAYER_IBAN'] = iban;
    delete process.env['PAYER_BIC'];
    return payerFromEnvironment;
  }

  it('takes a Dutch IBAN, stored compact', () => {
    expect(withPayer('Stichting Leerrekening', 'nl20 ingb 0001 2345 67')()).toEqual({
      name: 'Stichting Leerrekening',
      iban: 'NL20INGB0001234567',
    });
  });

  it.each([
    ['an IBAN with wrong check digits', 'NL21INGB0001234567', /not a valid IBAN/],
    ['an IBAN outside SEPA', 'BR1800360305000010009795493C1', /outside SEPA/],
  ])('refuses %s', (_case, iban, message) => {
    expect(withPayer('Stichting Leerrekening', iban)).toThrow(message);
  });

  it('refuses a name of which nothing is left in a SEPA file', () => {
    expect(withPayer('学习基金会', 'NL20INGB0001234567')).toThrow(/PAYER_NAME/);
  });
});
