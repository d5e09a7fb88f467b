import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../web/portal/csv-text.ts';
import { ApiError, NetworkError, outcomeUnknown } from '../../../web/src/api-errors.ts';

describe('outcomeUnknown: may a failed request have moved money all the same?', () => {
  it('yes when the answer was lost or the server could not say', () => {
    expect(outcomeUnknown(new NetworkError('offline'))).toBe(true);
    expect(outcomeUnknown(new ApiError(503, 'service_unavailable'))).toBe(true);
    expect(outcomeUnknown(new ApiError(500, 'internal_error'))).toBe(true);
  });

  it('no when the API answered with a refusal: nothing was done, and the key is used up', () => {
    for (const [status, code] of [
      [422, 'not_employed'],
      [409, 'budget_exceeded'],
      [409, 'idempotency_key_reused'],
      [429, 'too_many_requests'],
      [400, 'validation_failed'],
    ] as const)
      expect(outcomeUnknown(new ApiError(status, code)), `${status} ${code}`).toBe(false);
    expect(outcomeUnknown(new Error('a bug'))).toBe(false);
  });
});

describe('toCsv', () => {
  it('quotes what holds a separator, a quote or a line break, and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1, 'two\nlines'],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1,"two\nlines"\r\n');
  });
});
