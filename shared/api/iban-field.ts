import * as z from 'zod/mini';
import { compactIban, sepaIbanProblem } from '../payouts/iban.ts';

/**
 * An IBAN that payouts can be made to: valid (check digits) and of a SEPA-scheme country. Spaces
 * and lowercase are accepted and stored compact, in capitals.
 */
export const sepaIbanField = z.pipe(z.string().check(z.maxLength(42)), z.transform(compactIban)).check(
  z.superRefine((value, context) => {
    const problem = sepaIbanProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  }),
  z.meta({
    description:
      'An IBAN of a country in the SEPA scheme (payouts are SEPA credit transfers). Its check digits must match ' +
      '(ISO 13616, mod 97); spaces are allowed and removed, letters may be lower case.',
    example: 'NL91ABNA0417164300',
  }),
);
