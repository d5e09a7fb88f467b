import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { depositBatchAcceptedView } from '../../shared/api/deposit-batch-view.ts';
import { amountField, bsnField, referenceField, schemeIdField } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

/** One row as JSON: exactly the fields of a single deposit. */
export const batchRowJson = z.strictObject({
  bsn: bsnField,
  schemeId: schemeIdField,
  amount: amountField(limits.depositAmountCentsMax),
  reference: z.optional(referenceField),
});

/**
 * One row as CSV gives it: every field is text. The amount must be written as whole cents in plain
 * digits (`125000`), as in JSON; an empty reference cell is no reference (the reader leaves it out).
 */
export const batchRowCsv = z.strictObject({
  bsn: bsnField,
  schemeId: schemeIdField,
  amount: z.pipe(
    z
      .string()
      .check(
        z.regex(/^[0-9]+$/, 'Write the amount as whole euro cents in plain digits: 125000 is € 1,250.00.'),
        z.maxLength(15, 'The amount is too long.'),
      ),
    z.pipe(
      z.transform((text: string) => Number(text)),
      amountField(limits.depositAmountCentsMax),
    ),
  ),
  // Checked as a JSON row's is (length, plain text, no BSN); an empty cell is left out before.
  reference: z.optional(referenceField),
});

/** The JSON body: the rows, 1 to `limits.batchRowsMax`. The rows are checked one by one, not here. */
export const depositBatchBody = z
  .strictObject({
    rows: z
      .array(batchRowJson)
      .check(
        z.minLength(1),
        z.maxLength(limits.batchRowsMax),
        z.meta({ description: `Up to ${limits.batchRowsMax} deposits; each row is checked on its own.` }),
      ),
  })
  .check(z.meta({ id: 'DepositBatchRequest' }));

/** The columns a CSV upload may have; `reference` is optional. */
export const csvColumns = ['bsn', 'schemeId', 'amount', 'reference'] as const;

export const csvExample = [
  'bsn;schemeId;amount;reference',
  '999993653;ontwikkelbudget;25000;Ontwikkelbudget 2026',
  '999990019;ontwikkelbudget;25000;"Team Noord; ronde 1"',
  '',
].join('\r\n');

export const contract: RouteContract = {
  tag: 'Deposits',
  summary: 'Send up to 10,000 deposits at once',
  description:
    'The body is JSON (`{ rows: [...] }`) or CSV (`Content-Type: text/csv`) as a spreadsheet saves it: a header ' +
    'naming `bsn`, `schemeId`, `amount` and optionally `reference` in any order, comma or semicolon separated, UTF-8 ' +
    'with or without a byte-order mark, CRLF or LF, quoted as in RFC 4180. Amounts are whole cents. The batch is ' +
    'stored and answered with 202 at once, then paid in the background: follow the `Location` header ' +
    '(`GET /v1/deposit-batches/{batchId}`). Each row is checked on its own; a refused row never stops the others. ' +
    'The Idempotency-Key is the batch key: the same key with the same rows is the same batch, every row pays ' +
    'exactly once.',
  body: depositBatchBody,
  bodyExample: {
    rows: [
      { bsn: '999993653', schemeId: 'ontwikkelbudget', amount: 25_000, reference: 'Ontwikkelbudget 2026' },
      { bsn: '999990019', schemeId: 'ontwikkelbudget', amount: 25_000 },
    ],
  },
  csvBody: {
    description:
      'The same rows as CSV. The first line names the columns; every later line is one deposit. A row with the ' +
      'wrong number of fields is refused on its own.',
    example: csvExample,
  },
  bodyBytesMax: limits.batchBodyBytesMax,
  responses: { 202: depositBatchAcceptedView },
  responseHeaders: {
    202: { Location: 'Where to follow the batch: `/v1/deposit-batches/{batchId}`.' },
  },
  problems: ['idempotency_key_missing', 'idempotency_key_reused', 'invalid_csv', 'batch_too_large'],
};
