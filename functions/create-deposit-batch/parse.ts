import { CsvError, parse } from 'csv-parse/sync';
import type * as z from 'zod/mini';
import type { CheckedDeposit, CheckedRow } from '../../shared/application/deposit-batches.ts';
import { HttpProblem } from '../../shared/http/problem.ts';
import type { RawBody } from '../../shared/http/request.ts';
import { maskBsns } from '../../shared/identity/bsn.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { batchRowCsv, batchRowJson, csvColumns } from './schema.ts';

/**
 * Reads a batch upload into its data rows, each checked on its own. What is wrong with the upload
 * as a whole (not JSON or CSV, a wrong header, no rows, too many) is thrown as a 4xx problem before
 * anything is stored; what is wrong with one row is that row's refusal.
 */
export function readBatchBody(body: RawBody): CheckedRow[] {
  if (body.text.trim() === '') throw new HttpProblem('validation_failed', 'The batch has no rows.');
  let rows: CheckedRow[];
  switch (body.contentType) {
    case 'application/json':
      rows = readJson(body.text);
      break;
    case 'text/csv':
    case 'application/csv':
      rows = readCsv(body.text);
      break;
    default:
      throw new HttpProblem(
        'unsupported_media_type',
        'Send the batch as JSON with Content-Type: application/json, or as CSV with Content-Type: text/csv.',
      );
  }
  const schemes = new Set(rows.flatMap(({ checked }) => (checked.ok ? [checked.value.schemeId] : [])));
  if (schemes.size > limits.batchSchemesMax) {
    throw new HttpProblem(
      'validation_failed',
      `A batch may name at most ${limits.batchSchemesMax} schemes; this one names ${schemes.size}. ` +
        'Send the rows of each scheme (or of a few) as a batch of their own.',
    );
  }
  return rows;
}

function readJson(text: string): CheckedRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpProblem('invalid_json', 'The body could not be read as JSON.', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Array.isArray(value['rows' as never])) {
    throw new HttpProblem(
      'validation_failed',
      'Send the batch as an object with the rows in a list: { "rows": [ … ] }.',
    );
  }
  const extra = Object.keys(value).filter((name) => name !== 'rows');
  if (extra.length > 0) {
    throw new HttpProblem('validation_failed', 'The batch takes only "rows"; leave out every other field.');
  }
  const rows = (value as { rows: unknown[] }).rows;
  checkRowCount(rows.length);
  return rows.map((fields, index) => ({ row: index + 1, checked: checkRow(batchRowJson, fields) }));
}

function readCsv(text: string): CheckedRow[] {
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  const delimiter = delimiterOf(withoutBom);
  let records: string[][];
  try {
    // Every line is kept, blank ones too, so row numbers are the spreadsheet's (less its header).
    records = parse(withoutBom, { delimiter, relax_column_count: true, trim: true });
  } catch (error) {
    throw new HttpProblem('invalid_csv', csvErrorMessage(error), { cause: error });
  }
  const isBlank = (values: readonly string[]) => values.every((value) => value === '');
  // Spreadsheets save the rows left blank below the data as lines of separators only.
  while (records.length > 0 && isBlank(records.at(-1) ?? [])) records.pop();
  const [header, ...data] = records;
  if (header === undefined) throw new HttpProblem('validation_failed', 'The batch has no rows.');
  const columns = columnsOf(header);
  if (data.length === 0) {
    throw new HttpProblem(
      'validation_failed',
      'The batch has no rows: the CSV has a header line and nothing below it.',
    );
  }
  checkRowCount(data.length);
  return data.map((values, index) => {
    // Empty cells after the last named column (a trailing separator) are no fields.
    const extra = values.slice(columns.length);
    const cells = isBlank(extra) ? values.slice(0, columns.length) : values;
    if (isBlank(cells)) {
      return {
        row: index + 1,
        checked: { ok: false, message: 'This row is empty. Fill it in, or leave the line out.' },
      };
    }
    if (cells.length !== columns.length) {
      return {
        row: index + 1,
        checked: {
          ok: false,
          message:
            `This row has ${cells.length} fields where the header names ${columns.length}. ` +
            'Check for a missing or extra separator, and put quotes around a field that contains one.',
        },
      };
    }
    const fields = Object.fromEntries(
      columns.flatMap((column, position) =>
        column === 'reference' && cells[position] === '' ? [] : [[column, cells[position] ?? '']],
      ),
    );
    return { row: index + 1, checked: checkRow(batchRowCsv, fields) };
  });
}

/**
 * The separator a spreadsheet used, read from the header line: semicolon (what a Dutch spreadsheet
 * saves) when the header has more semicolons than commas, else comma. Column names contain neither.
 */
export function delimiterOf(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (character: string) => firstLine.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** The header's column names, checked: the known ones, each once, with the required ones present. */
function columnsOf(header: readonly string[]): Array<(typeof csvColumns)[number]> {
  const known = 'The columns are bsn, schemeId, amount and, if you like, reference, in any order.';
  const named = [...header];
  // A trailing separator, as spreadsheets often save, names no column.
  while (named.length > 0 && named.at(-1) === '') named.pop();
  const columns = named.map((name, position) => {
    const column = csvColumns.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (column === undefined) {
      throw new HttpProblem(
        'validation_failed',
        `The header's column ${position + 1} ("${shortened(maskBsns(name))}") is not a column we know. ${known} ` +
          'The first line must name the columns.',
      );
    }
    return column;
  });
  const twice = columns.find((column, position) => columns.indexOf(column) !== position);
  if (twice !== undefined) throw new HttpProblem('validation_failed', `The header names ${twice} twice. ${known}`);
  const missing = csvColumns.filter((column) => column !== 'reference' && !columns.includes(column));
  if (missing.length > 0) {
    throw new HttpProblem('validation_failed', `The header lacks ${missing.join(' and ')}. ${known}`);
  }
  return columns;
}

function checkRowCount(count: number): void {
  if (count === 0) throw new HttpProblem('validation_failed', 'The batch has no rows.');
  if (count > limits.batchRowsMax) {
    throw new HttpProblem(
      'batch_too_large',
      `A batch may have at most ${limits.batchRowsMax} rows; this one has ${count}. Split it over several batches.`,
    );
  }
}

/** A row checked against its schema; the refusal names the first field that is wrong. */
function checkRow(schema: typeof batchRowJson | typeof batchRowCsv, fields: unknown): CheckedRow['checked'] {
  const result = (schema as z.ZodMiniType).safeParse(fields);
  if (result.success) return { ok: true, value: result.data as CheckedDeposit['value'] };
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const message =
    issue?.code === 'unrecognized_keys'
      ? `Unknown field: ${issue.keys.slice(0, 3).map(shortened).join(', ')}. Use bsn, schemeId, amount and reference.`
      : issue?.message;
  const where = path === '' ? '' : `${shortened(path)}: `;
  return { ok: false, message: maskBsns(`${where}${message ?? 'This row is not valid.'}`) };
}

/** A name from the request, cut short: a message must not grow with what a caller sent. */
function shortened(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 40)}…`;
}

/** A CSV reading error in plain words, with its line; never the field's text, which could hold a BSN. */
function csvErrorMessage(error: unknown): string {
  if (!(error instanceof CsvError)) return 'The CSV could not be read.';
  const at = typeof error['lines'] === 'number' ? ` (line ${error['lines']})` : '';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `A quoted field is never closed${at}. Close every quote you open.`;
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return (
        `A quote stands in the middle of a field${at}. ` +
        'Put the whole field in quotes and double the quotes inside it.'
      );
    default:
      return `The CSV could not be read${at}. Save it from your spreadsheet as CSV (UTF-8) and try again.`;
  }
}
