import { logger } from '../runtime/logger.ts';
import type { LedgerStore } from '../store/ledger-store.ts';

/**
 * Notes a citizen's first visit (see `LedgerStore.recordFirstSeen`), alongside a read. The note
 * only feeds a flag on later claims, so failing to write it must not cost the citizen their
 * answer: the failure is logged (person id and error, never a BSN) and the read goes on. A missed
 * note errs on the safe side: the next claim is flagged for a second look.
 */
export async function noteFirstVisit(store: LedgerStore, personId: string, now: Date): Promise<void> {
  try {
    await store.recordFirstSeen(personId, now.toISOString());
  } catch (error) {
    logger.warn('could not note the citizen’s first visit', { error });
  }
}
