import { beforeEach, describe, expect, it } from 'vitest';
import type { Course } from '../../../shared/ledger/provider.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import { type StoreFactory, useFreshStore } from './fixtures.ts';

function course(providerId: string, courseId: string, title: string, category = 'techniek'): Course {
  return {
    providerId,
    providerName: providerId === 'noord' ? 'Opleidingen Noord' : 'Cursuscentrum Zuid',
    courseId,
    title,
    category,
    priceCents: 50_000,
    createdAt: '2026-11-01T09:00:00.000Z',
  };
}

/** The course catalogue: the national search by title, and one provider's own list by course id. */
export function coursesContract(makeStore: StoreFactory): void {
  let store: LedgerStore;

  describe('searchCourses', () => {
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    const noord = [
      course('noord', 'c-3', 'Zagen voor beginners'),
      course('noord', 'c-1', 'Lassen basis'),
      course('noord', 'c-2', 'Nederlands op het werk', 'taal'),
    ];
    const zuid = [course('zuid', 'c-1', 'Lassen gevorderd'), course('zuid', 'a-9', 'Administratie')];

    beforeEach(async () => {
      for (const each of [...noord, ...zuid]) expect(await store.createCourse(each)).toBe('created');
    });

    it('lists one provider’s courses only, by course id, never another’s with the same id', async () => {
      const page = await store.searchCourses({ providerId: 'noord' }, { limit: 10 });
      expect(page.items.map((each) => `${each.providerId}/${each.courseId}`)).toEqual([
        'noord/c-1',
        'noord/c-2',
        'noord/c-3',
      ]);
      expect(page.nextCursor).toBeUndefined();
      expect((await store.searchCourses({ providerId: 'nobody' }, { limit: 10 })).items).toEqual([]);
    });

    it('pages through one provider’s courses with the cursor, each course once', async () => {
      const first = await store.searchCourses({ providerId: 'noord' }, { limit: 2 });
      expect(first.items.map((each) => each.courseId)).toEqual(['c-1', 'c-2']);
      expect(first.nextCursor).toBeDefined();
      const second = await store.searchCourses({ providerId: 'noord' }, { limit: 2, cursor: first.nextCursor });
      expect(second.items.map((each) => each.courseId)).toEqual(['c-3']);
      expect(second.nextCursor).toBeUndefined();
    });

    it('narrows one provider’s courses by title words and category as well', async () => {
      const lassen = await store.searchCourses({ providerId: 'noord', q: 'LASSEN' }, { limit: 10 });
      expect(lassen.items.map((each) => each.courseId)).toEqual(['c-1']);
      const taal = await store.searchCourses({ providerId: 'noord', category: 'taal' }, { limit: 10 });
      expect(taal.items.map((each) => each.courseId)).toEqual(['c-2']);
    });

    it('still searches the whole catalogue by title without a provider', async () => {
      const page = await store.searchCourses({ q: 'lassen' }, { limit: 10 });
      expect(page.items.map((each) => each.title)).toEqual(['Lassen basis', 'Lassen gevorderd']);
    });
  });
}
