import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../shared/store/cursor.ts';
import { InvalidCursorError } from '../../shared/store/ledger-store.ts';

describe('cursors', () => {
  it('give back the sort key they were made from', () => {
    expect(decodeCursor(encodeCursor('TX#2026-11-23T10:00:00.000Z#dep_1'), 'TX#')).toBe(
      'TX#2026-11-23T10:00:00.000Z#dep_1',
    );
  });

  it('refuse a cursor into another list', () => {
    expect(() => decodeCursor(encodeCursor('POT#x'), 'TX#')).toThrow(InvalidCursorError);
  });

  it('refuse a sort key DynamoDB would reject: more than 1,024 bytes, counted in UTF-8 rather than characters', () => {
    // 400 euro signs are 400 characters but 1,200 bytes.
    const crafted = encodeCursor(`TX#${'€'.repeat(400)}`);
    expect(() => decodeCursor(crafted, 'TX#')).toThrow(InvalidCursorError);
    expect(decodeCursor(encodeCursor(`TX#${'a'.repeat(1_000)}`), 'TX#')).toHaveLength(1_003);
  });

  it('refuse half of a UTF-16 pair, which no UTF-8 key can hold, and keep a whole pair', () => {
    expect(() => decodeCursor(encodeCursor('TX#\ud800'), 'TX#')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor('TX#\udc00x'), 'TX#')).toThrow(InvalidCursorError);
    expect(decodeCursor(encodeCursor('TX#\ud83d\ude00'), 'TX#')).toBe('TX#😀');
  });

  it('refuse text that is not a cursor', () => {
    expect(() => decodeCursor('not-base64-json', 'TX#')).toThrow(InvalidCursorError);
  });
});
