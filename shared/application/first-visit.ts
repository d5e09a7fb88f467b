import { logger } from '../runtime/logger.ts';
import type { ProfileStore } from '../store/ledger-store.ts';

/**
 * How many persons one instance remembers as already noted. The balance overview is the hottest
 * read; without the memo every visit would attempt the conditional write, and DynamoDB bills a
 * failed conditional write like a successful one.
 */
const notedPersonsRememberedMax = 10_000;

/** Persons this instance has already noted; a plain Set, cleared when full rather than grown. */
const noted = new Set<string>();

/**
 * Notes a citizen's first visit (see `ProfileStore.recordFirstSeen`), alongside a read. The note
 * only feeds a flag on later claims, so failing to write it must not cost the citizen their
 * answer: the failure is logged (person id and error, never a BSN) and the read goes on. A missed
 * note errs on the safe side: the next claim is flagged for a second look. A person already noted
 * by this instance is not written again: the store keeps only the first visit anyway.
 */
export async function noteFirstVisit(
  store: Pick<ProfileStore, 'recordFirstSeen'>,
  personId: string,
  now: Date,
): Promise<void> {
  if (noted.has(personId)) return;
  try {
    await store.recordFirstSeen(personId, now.toISOString());
    if (noted.size >= notedPersonsRememberedMax) noted.clear();
    noted.add(personId);
  } catch (error) {
    logger.warn('could not note the citizen’s first visit', { error });
  }
}
