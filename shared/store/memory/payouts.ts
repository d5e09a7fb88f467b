import type { AuditRecord } from '../../ledger/audit.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../../ledger/payout.ts';
import type { Payout } from '../../ledger/provider.ts';
import type { Page, PageRequest, PayoutCommitResult, PayoutFileCommitResult } from '../ledger-store.ts';
import { compareStrings, listPrefix, payoutFileSortKey, payoutSortKey } from '../sort-keys.ts';
import { paginate } from './queries.ts';
import { type MemoryState, memoryKey } from './state.ts';

/** The shards of a provider's payable account, by shard number. */
export function getPayableShards(state: MemoryState, providerId: string): PayableShard[] {
  return [...state.payables.entries()]
    .filter(([key]) => key.startsWith(`${providerId}#`))
    .map(([key, balanceCents]) => ({ shard: Number(key.slice(providerId.length + 1)), balanceCents }))
    .sort((a, b) => a.shard - b.shard);
}

/** Writes a payout, all or nothing, with the DynamoDB adapter's answers; see `PayoutStore.commitPayout`. */
export function commitPayout(state: MemoryState, plan: PayoutPlan, audit?: AuditRecord): PayoutCommitResult {
  // Check every condition first; after this block the commit must succeed.
  for (const claim of plan.claims) {
    if (state.claims.get(claim.claimId)?.status !== 'captured') return { kind: 'claim_changed' };
  }
  // The payout id derives from its claims: an existing payout means these claims were paid.
  if (state.payouts.has(plan.payout.payoutId)) return { kind: 'claim_changed' };
  for (const change of plan.payableChanges) {
    const balance = state.payables.get(memoryKey.payable(change.providerId, change.shard)) ?? 0;
    if (balance + change.balanceDeltaCents < 0) return { kind: 'insufficient_funds' };
  }

  state.payouts.set(plan.payout.payoutId, structuredClone(plan.payout));
  for (const claim of plan.claims) state.claims.set(claim.claimId, structuredClone(claim));
  for (const change of plan.payableChanges) {
    const key = memoryKey.payable(change.providerId, change.shard);
    state.payables.set(key, (state.payables.get(key) ?? 0) + change.balanceDeltaCents);
  }
  if (audit !== undefined) state.audit.push(structuredClone(audit));
  return { kind: 'committed' };
}

/** Payouts not yet in a file, oldest first. */
export function listPayoutsUnfiled(state: MemoryState, limit: number): Payout[] {
  return [...state.payouts.values()]
    .filter((payout) => payout.fileId === undefined)
    .sort((a, b) => compareStrings(payoutSortKey(a), payoutSortKey(b)))
    .slice(0, limit)
    .map((payout) => structuredClone(payout));
}

/** Records a payout file, all or nothing; see `PayoutStore.commitPayoutFile`. */
export function commitPayoutFile(state: MemoryState, file: PayoutFile): PayoutFileCommitResult {
  const taken = file.entries
    .filter((entry) => state.payouts.get(entry.payoutId)?.fileId !== undefined || !state.payouts.has(entry.payoutId))
    .map((entry) => entry.payoutId);
  if (taken.length > 0) return { kind: 'payouts_taken', payoutIds: taken };
  // The file id derives from its payouts, so an existing file means they are all taken.
  if (state.payoutFiles.has(file.fileId)) {
    return { kind: 'payouts_taken', payoutIds: file.entries.map((entry) => entry.payoutId) };
  }

  state.payoutFiles.set(file.fileId, { file: structuredClone(file) });
  for (const entry of file.entries) {
    const payout = state.payouts.get(entry.payoutId);
    if (payout !== undefined) {
      state.payouts.set(entry.payoutId, {
        ...payout,
        providerName: entry.providerName,
        iban: entry.iban,
        fileId: file.fileId,
      });
    }
  }
  return { kind: 'committed' };
}

/** Recorded files whose content has not been written yet, oldest first. */
export function listPayoutFilesUnwritten(state: MemoryState, limit: number): PayoutFile[] {
  return [...state.payoutFiles.values()]
    .filter((record) => record.writtenAt === undefined)
    .map((record) => record.file)
    .sort((a, b) => compareStrings(payoutFileSortKey(a), payoutFileSortKey(b)))
    .slice(0, limit)
    .map((file) => structuredClone(file));
}

/** Takes a recorded file off the unwritten list; the first time it was written is kept. */
export function markPayoutFileWritten(state: MemoryState, fileId: string, at: string): void {
  const record = state.payoutFiles.get(fileId);
  if (record === undefined) throw new Error(`markPayoutFileWritten: no file ${fileId}`);
  record.writtenAt ??= at;
}

/** A provider's payouts, newest first. */
export function listPayouts(state: MemoryState, providerId: string, page: PageRequest): Page<Payout> {
  const all = [...state.payouts.values()]
    .filter((payout) => payout.providerId === providerId)
    .map((payout) => ({ sortKey: payoutSortKey(payout), item: payout }))
    .sort((a, b) => compareStrings(b.sortKey, a.sortKey));
  return paginate(all, page, listPrefix.payout, 'descending');
}
