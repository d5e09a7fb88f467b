/**
 * Reads back the CSV file someone uploaded, the way the API reads it (`functions/create-deposit-batch/
 * parse.ts`): byte-order mark dropped, the separator read from the header line, quoted fields as in
 * RFC 4180, every line a record (blank ones too) so that record n below the header is the API's row
 * n, and the lines of separators only below the data dropped. The portal needs it only to hand the
 * refused rows back as they were written, so it keeps fields as written (no trimming).
 */

/** The separator of a CSV text: semicolon when its first line has more semicolons than commas. */
export function separatorOf(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (character: string) => firstLine.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** A CSV text as its header and data records; undefined when a quote is left open (the API refuses it too). */
export function csvRecords(text: string): { header: string[]; rows: string[][]; separator: ',' | ';' } | undefined {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const separator = separatorOf(body);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (index < body.length) {
    const character = body[index];
    if (quoted) {
      if (character === '"' && body[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (character === '"') quoted = false;
      else field += character;
      index += 1;
      continue;
    }
    if (character === '"' && field === '') quoted = true;
    else if (character === separator) {
      record.push(field);
      field = '';
    } else if (character === '\r' && body[index + 1] === '\n') {
      endRecord();
      index += 1;
    } else if (character === '\n' || character === '\r') endRecord();
    else field += character;
    index += 1;
  }
  if (quoted) return undefined;
  // The last line has no line break after it, or is the empty text after the final one.
  if (field !== '' || record.length > 0) endRecord();
  const isBlank = (values: readonly string[]) => values.every((value) => value.trim() === '');
  while (records.length > 0 && isBlank(records.at(-1) ?? [])) records.pop();
  const [header, ...rows] = records;
  if (header === undefined) return undefined;
  return { header, rows, separator };
}
