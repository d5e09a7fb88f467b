import type { AuditRecord } from '../../ledger/audit.ts';
import type { AuditPeriod, Page, PageRequest } from '../ledger-store.ts';
import { auditDayOf, auditSortKey, auditSortKeyPrefix, compareStrings } from '../sort-keys.ts';
import { paginate } from './queries.ts';
import type { MemoryState } from './state.ts';

/** Writes one audit entry on its own. */
export function recordAudit(state: MemoryState, record: AuditRecord): void {
  state.audit.push(structuredClone(record));
}

/** Audit entries of the period, oldest first, with the same cursors as the DynamoDB adapter. */
export function listAudit(state: MemoryState, period: AuditPeriod, page: PageRequest): Page<AuditRecord> {
  const all = state.audit
    .map((record) => ({ sortKey: auditSortKey(record), item: record }))
    .filter((entry) => auditDayOf(entry.sortKey) >= period.from && auditDayOf(entry.sortKey) <= period.to)
    .sort((a, b) => compareStrings(a.sortKey, b.sortKey));
  return paginate(all, page, auditSortKeyPrefix, 'ascending');
}
