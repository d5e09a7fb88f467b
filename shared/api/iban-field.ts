import * as z from 'zod';
import { compactIban, sepaIbanProblem } from '../payouts/iban.ts';

/**
 * An IBAN that payouts can be made to: valid (check digits) and of a SEPA-scheme country. Spaces
 * and lowercase are accepted and stored compact, in capitals.
 */
export const sepaIbanField = z
  .string()
  .max(42)
  .transform(compactIban)
  .superRefine((value, context) => {
    const problem = sepaIbanProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    description: 'An IBAN of a country in the SEPA scheme (payouts are SEPA credit transfers).',
    example: 'NL91ABNA0417164300',
  });
