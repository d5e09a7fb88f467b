/**
 * The pure logic behind the portal's employer and funder pages: the BSN check before sending, reading
 * back an uploaded CSV file the way the API numbers its rows, the refused rows handed back as a CSV
 * file, and the usage report's scale, period and CSV.
 */
import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../../shared/identity/bsn.ts';
import { bsnDigits, bsnProblem } from '../../../web/portal/bsn-check.ts';
import { isIsoDate } from '../../../web/portal/components/date-check.ts';
import { en } from '../../../web/portal/i18n/en.ts';
import { nl } from '../../../web/portal/i18n/nl.ts';
import { csvRecords, separatorOf } from '../../../web/portal/pages/deposits/csv-records.ts';
import {
  reasonColumnNames,
  refusedRowsCsv,
  withoutReasonColumn,
} from '../../../web/portal/pages/deposits/refused-rows.ts';
import { usageCsv } from '../../../web/portal/pages/usage/usage-csv.ts';
import {
  barLength,
  daysBetween,
  defaultPeriod,
  largestFlow,
  type UsageItem,
} from '../../../web/portal/pages/usage/usage-flows.ts';

describe('the portal’s BSN check', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['12345678', 'digits'],
    ['1234567890', 'digits'],
    ['99999001a', 'digits'],
    ['123456789', 'elfproef'],
    ['000000000', 'elfproef'],
    ['999990019', undefined],
    ['999.990.019', undefined],
    ['999 99 0019', undefined],
  ])('finds %j to be %s', (input, problem) => {
    expect(bsnProblem(input)).toBe(problem);
  });

  it('agrees with the API’s elfproef on every number of a range', () => {
    // An independent oracle: the server's own check, on 20,000 consecutive numbers.
    for (let number = 999_980_000; number < 1_000_000_000; number += 1) {
      const text = String(number);
      expect(bsnProblem(text) === undefined, text).toBe(isValidBsn(text));
    }
  });

  it('sends the digits only', () => {
    expect(bsnDigits(' 999.990-019 ')).toBe('999990019');
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-12-31', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['31-12-2026', false],
    ['', false],
  ])('%j is %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

describe('reading back an uploaded CSV file', () => {
  it('reads the separator from the header line, as the API does', () => {
    expect(separatorOf('bsn;schemeId;amount\r\n1,2;3;4')).toBe(';');
    expect(separatorOf('bsn,schemeId,amount\n"a;b",c,d')).toBe(',');
  });

  it('numbers the data rows as the API does: blank lines between rows count, blank lines at the end do not', () => {
    const text = '\ufeffbsn;schemeId;amount;reference\r\n1;a;100;x\r\n\r\n3;c;300;"z; ""q"""\r\n;;;\r\n\r\n';
    expect(csvRecords(text)).toEqual({
      header: ['bsn', 'schemeId', 'amount', 'reference'],
      rows: [['1', 'a', '100', 'x'], [''], ['3', 'c', '300', 'z; "q"']],
      separator: ';',
    });
  });

  it('keeps line breaks inside quotes, reads a last line without a line break, and refuses an open quote', () => {
    expect(csvRecords('bsn,reference\n1,"two\nlines"\n2,end')?.rows).toEqual([
      ['1', 'two\nlines'],
      ['2', 'end'],
    ]);
    expect(csvRecords('bsn,reference\n1,"open')).toBeUndefined();
    expect(csvRecords('')).toBeUndefined();
  });
});

describe('the refused rows as a CSV file', () => {
  const columns = { row: 'regel', reason: 'reden' };
  const refused = [
    { row: 2, reason: 'Dit BSN bestaat niet.' },
    { row: 4, reason: 'Deze regeling bestaat niet; kijk naar de code.' },
  ];
  const uploaded = [
    'bsn;schemeId;amount;reference;',
    '999990019;ontwikkelbudget;25000;Ronde 1;',
    '123456789;ontwikkelbudget;25000;"Ronde 1; team Noord"',
    '999993653;ontwikkelbudget;25000;',
    '999990019;bestaat-niet;1000;',
    '',
  ].join('\r\n');

  it('gives each refused row as it was written, under the file’s header and separator, with the reason last', () => {
    expect(refusedRowsCsv(refused, uploaded, columns)).toEqual({
      csv: [
        'bsn;schemeId;amount;reference;reden',
        '123456789;ontwikkelbudget;25000;"Ronde 1; team Noord";Dit BSN bestaat niet.',
        '999990019;bestaat-niet;1000;;"Deze regeling bestaat niet; kijk naar de code."',
        '',
      ].join('\r\n'),
      withOriginalRows: true,
    });
  });

  it('takes the reason column out of a download fixed and uploaded again, and nothing else', () => {
    const { csv } = refusedRowsCsv(refused, uploaded, columns);
    const fixed = csv.replace('123456789', '999993653');
    expect(withoutReasonColumn(fixed)).toBe(
      [
        'bsn;schemeId;amount;reference',
        '999993653;ontwikkelbudget;25000;"Ronde 1; team Noord"',
        '999990019;bestaat-niet;1000;',
        '',
      ].join('\r\n'),
    );
    // A blank line keeps its place (row numbers stay the API's), and a cell past the header stays for the API.
    expect(withoutReasonColumn('bsn,schemeId,amount,Reason\r\n\r\n999990019,a,1,x,extra\r\n')).toBe(
      'bsn,schemeId,amount\r\n\r\n999990019,a,1,extra\r\n',
    );
    expect(withoutReasonColumn('bsn;schemeId;amount;reference\r\n999990019;a;1;b\r\n')).toBeUndefined();
    expect(withoutReasonColumn('reden\r\nx\r\n')).toBeUndefined();
    expect(withoutReasonColumn('bsn;reden\r\n"open\r\n')).toBeUndefined();
  });

  it('names the reason column in each language as the upload knows it', () => {
    expect(reasonColumnNames).toContain(nl.deposits.upload.reasonColumn);
    expect(reasonColumnNames).toContain(en.deposits.upload.reasonColumn);
  });

  it('gives the row numbers and reasons only when the file was not kept', () => {
    expect(refusedRowsCsv(refused, undefined, columns)).toEqual({
      csv: 'regel,reden\r\n2,Dit BSN bestaat niet.\r\n4,"Deze regeling bestaat niet; kijk naar de code."\r\n',
      withOriginalRows: false,
    });
  });
});

describe('the usage report', () => {
  const item = (schemeId: string, deposited: number, spent: number, persons: number | null): UsageItem => ({
    schemeId,
    label: `Regeling ${schemeId}`,
    deposited,
    reserved: 0,
    released: 0,
    spent,
    expired: 0,
    returned: 0,
    persons,
  });

  it('scales bars to the largest flow, and draws a small amount above zero as a visible sliver', () => {
    const items = [item('a', 125_000_00, 10, 12), item('b', 50_000_00, 0, null)];
    expect(largestFlow(items)).toBe(125_000_00);
    expect(barLength(125_000_00, 125_000_00, 400)).toBe(400);
    expect(barLength(50_000_00, 125_000_00, 400)).toBe(160);
    expect(barLength(10, 125_000_00, 400)).toBe(2);
    expect(barLength(0, 125_000_00, 400)).toBe(0);
    expect(barLength(0, 0, 400)).toBe(0);
  });

  it('defaults to this calendar year up to today, and counts days as the API does', () => {
    expect(defaultPeriod('2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-11-30' });
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(365);
  });

  it('downloads as CSV in cents, with persons left empty when fewer than 10', () => {
    expect(usageCsv([item('a', 125_000_00, 45_000, 12), item('b', 100, 0, null)], nl.usage)).toBe(
      [
        'code,regeling,gestort (centen),vastgezet (centen),uitgegeven (centen),vrijgegeven (centen),' +
          'verlopen (centen),teruggehaald (centen),personen',
        'a,Regeling a,12500000,0,45000,0,0,0,12',
        'b,Regeling b,100,0,0,0,0,0,',
        '',
      ].join('\r\n'),
    );
  });
});
