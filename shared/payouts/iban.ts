import { electronicFormatIBAN, isSEPACountry, isValidIBAN } from 'ibantools';

/**
 * The one rule for a bank account that Leerrekening pays to or from: a valid IBAN (ISO 13616,
 * check digits included) of a country in the SEPA scheme, since every payout is a SEPA credit
 * transfer. Used where an IBAN comes in (provider registration, the payer's configuration) and
 * again before a payout goes into a file, for IBANs stored before this rule.
 *
 * The SEPA countries are ibantools' list. It lags the EPC's scheme: Albania, Moldova, Montenegro,
 * North Macedonia and Serbia joined the scheme in 2024 and 2025 and are still refused here, which
 * errs on the side of files the bank accepts; adding them is a change to this function.
 */

/** The IBAN without spaces, in capitals: how it is stored and written into files. */
export function compactIban(iban: string): string {
  return electronicFormatIBAN(iban) ?? iban.replace(/\s+/g, '').toUpperCase();
}

/** Why an IBAN cannot be paid to or from in a SEPA file, or undefined when it can. */
export function sepaIbanProblem(iban: string): string | undefined {
  const compact = compactIban(iban);
  if (!isValidIBAN(compact)) return 'This is not a valid IBAN (the check digits do not match).';
  if (!isSEPACountry(compact.slice(0, 2)))
    return `Payouts are SEPA credit transfers: an IBAN of ${compact.slice(0, 2)}, outside SEPA, cannot be paid.`;
  return undefined;
}

/** An IBAN masked to its last four characters, as the audit trail shows it: `**************4300`. */
export function maskIban(iban: string): string {
  const compact = compactIban(iban);
  return `${'*'.repeat(Math.max(compact.length - 4, 0))}${compact.slice(-4)}`;
}
