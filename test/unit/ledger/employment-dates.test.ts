import { describe, expect, it } from 'vitest';
import { type Employment, isEmployedOn } from '../../../shared/ledger/employment.ts';

const employment = (endDate?: string): Employment => ({
  employerId: 'staalbouw',
  personId: 'person-1',
  startDate: '2026-01-01',
  ...(endDate !== undefined && { endDate }),
});

describe('isEmployedOn', () => {
  it('is false without an employment', () => {
    expect(isEmployedOn(undefined, '2026-05-21')).toBe(false);
  });

  it.each([
    { what: 'the day before it starts', endDate: undefined, date: '2025-12-31', employed: false },
    { what: 'its first day', endDate: undefined, date: '2026-01-01', employed: true },
    { what: 'any day when it has no end date', endDate: undefined, date: '2030-06-15', employed: true },
    { what: 'the day before its end date', endDate: '2026-05-21', date: '2026-05-20', employed: true },
    { what: 'its end date, the last working day', endDate: '2026-05-21', date: '2026-05-21', employed: true },
    { what: 'the day after its end date', endDate: '2026-05-21', date: '2026-05-22', employed: false },
  ])('on $what: $employed', ({ endDate, date, employed }) => {
    expect(isEmployedOn(employment(endDate), date)).toBe(employed);
  });
});
