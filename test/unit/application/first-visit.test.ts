import { describe, expect, it, vi } from 'vitest';
import { noteFirstVisit } from '../../../shared/application/first-visit.ts';
import { MemoryLedgerStore } from '../../../shared/store/memory/memory-store.ts';

describe('noteFirstVisit', () => {
  it('writes a person’s first visit once per instance, so repeat overviews cost no write', async () => {
    const store = new MemoryLedgerStore();
    const write = vi.spyOn(store, 'recordFirstSeen');
    await noteFirstVisit(store, 'person-memo-1', new Date('2026-11-23T10:00:00Z'));
    await noteFirstVisit(store, 'person-memo-1', new Date('2026-11-24T10:00:00Z'));
    await noteFirstVisit(store, 'person-memo-2', new Date('2026-11-24T10:00:00Z'));
    expect(write.mock.calls.map(([personId]) => personId)).toEqual(['person-memo-1', 'person-memo-2']);
  });

  it('tries again on the next visit after a failed write, and never fails the read', async () => {
    const store = new MemoryLedgerStore();
    const write = vi.spyOn(store, 'recordFirstSeen').mockRejectedValueOnce(new Error('throttled'));
    await expect(noteFirstVisit(store, 'person-memo-3', new Date())).resolves.toBeUndefined();
    await noteFirstVisit(store, 'person-memo-3', new Date());
    expect(write).toHaveBeenCalledTimes(2);
  });
});
