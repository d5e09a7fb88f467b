import { afterEach, describe, expect, it, vi } from 'vitest';
import { bsnMask, maskBsns } from '../../shared/identity/bsn.ts';
import { createLogger, redactPersonalData } from '../../shared/runtime/logger.ts';

/** A BSN that passes the elfproef, and nine digits that do not. */
const bsn = '999990019';
const notABsn = '123456789';

/** Runs `write` with a fresh redacting logger and returns each line it wrote, parsed, in order. */
function logLines(write: (logger: ReturnType<typeof createLogger>) => void): Array<Record<string, any>> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  // Powertools writes INFO and below to stdout, WARN and ERROR to stderr.
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    write(createLogger('logger-test'));
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const lines = written
    .join('')
    .split('\n')
    .filter((line) => line !== '');
  return lines.map((line) => JSON.parse(line) as Record<string, any>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('maskBsns', () => {
  it.each([
    ['a BSN on its own', bsn, bsnMask],
    ['a BSN in a sentence', `person ${bsn} is unknown`, `person ${bsnMask} is unknown`],
    [
      'a BSN quoted in a JSON parser error',
      `Unexpected token ']', "["${bsn}",]" is not valid JSON`,
      `Unexpected token ']', "["${bsnMask}",]" is not valid JSON`,
    ],
    ['a BSN after a prefix with an underscore or hash', `clm_${bsn} PERSON#${bsn}`, `clm_${bsnMask} PERSON#${bsnMask}`],
    ['two BSNs', `${bsn},999993653`, `${bsnMask},${bsnMask}`],
    // A BSN glued to letters is still a BSN (issue 13), unless the word is a hex id.
    ['a BSN glued to letters', `abc${bsn}xyz ref${bsn}`, `abc${bsnMask}xyz ref${bsnMask}`],
    ['a BSN written in groups', 'ref 999.990.019 and 999 99 0019', `ref ${bsnMask} and ${bsnMask}`],
    ['a BSN in full-width digits', '９９９９９００１９', bsnMask],
  ])('masks %s', (_name, text, masked) => {
    expect(maskBsns(text)).toBe(masked);
  });

  it.each([
    ['nine digits failing the elfproef', notABsn],
    ['ten digits', `${bsn}1`],
    ['eight digits', bsn.slice(1)],
    ['a timestamp', '2026-11-23T10:15:00.000Z'],
    ['nine digits inside a hex id', `a${bsn}b 3f${bsn}`],
  ])('leaves %s alone', (_name, text) => {
    expect(maskBsns(text)).toBe(text);
  });
});

describe('redactPersonalData (the logger’s JSON replacer)', () => {
  it('replaces whatever is under a key that names a BSN', () => {
    expect(redactPersonalData('bsn', bsn)).toBe('[redacted]');
    expect(redactPersonalData('employeeBsn', 12)).toBe('[redacted]');
    expect(redactPersonalData('BSN', { nested: true })).toBe('[redacted]');
  });

  it('masks a BSN given as a number, and no other number', () => {
    expect(redactPersonalData('amount', Number(bsn))).toBe(bsnMask);
    expect(redactPersonalData('amount', Number(notABsn))).toBe(Number(notABsn));
    expect(redactPersonalData('amount', 125_000)).toBe(125_000);
  });

  it('masks BSNs used as object keys', () => {
    expect(redactPersonalData('counts', { [bsn]: 1, other: 2 })).toEqual({ [bsnMask]: 1, other: 2 });
  });
});

describe('createLogger', () => {
  it('writes one structured JSON line per entry, with the appended correlation id', () => {
    const [line] = logLines((logger) => {
      logger.appendKeys({ requestId: 'req-123' });
      logger.info('request refused', { code: 'validation_failed' });
    });
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'request refused',
      service: 'logger-test',
      requestId: 'req-123',
      code: 'validation_failed',
    });
    expect(line?.['timestamp']).toEqual(expect.any(String));
  });

  it('redacts BSNs in the message, in attributes at any depth, and in errors, without help from the caller', () => {
    let parserError: Error | undefined;
    try {
      JSON.parse(`["${bsn}",]`);
    } catch (error) {
      parserError = error as Error;
    }
    const lines = logLines((logger) => {
      logger.info(`looked up ${bsn}`);
      logger.info('request refused', {
        reason: parserError?.message,
        body: { employee: { bsn }, rows: [{ bsn: Number(bsn) }], note: `for ${bsn}` },
      });
      logger.error('request failed', { error: new Error(`no person ${bsn}`, { cause: new Error(`cause ${bsn}`) }) });
      logger.warn('number', { value: Number(bsn) });
    });
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).not.toContain(bsn);
    expect(lines[0]?.['message']).toBe(`looked up ${bsnMask}`);
    expect(lines[1]).toMatchObject({
      reason: expect.stringContaining(bsnMask),
      body: { employee: { bsn: '[redacted]' }, rows: [{ bsn: '[redacted]' }], note: `for ${bsnMask}` },
    });
    expect(lines[2]?.['error']).toMatchObject({ name: 'Error', message: `no person ${bsnMask}` });
    expect(lines[2]?.['error']?.stack).toContain(bsnMask);
    expect(lines[3]).toMatchObject({ value: bsnMask });
  });

  it('leaves ids, amounts and nine digits that fail the elfproef as they are', () => {
    const requestId = '5f1c2a3b-0000-4000-8000-123456789012';
    const [line] = logLines((logger) => logger.info('deposit', { requestId, amount: 10_000_000, reference: notABsn }));
    expect(line).toMatchObject({ requestId, amount: 10_000_000, reference: notABsn });
  });
});
