import type * as z from 'zod';
import type { Reply } from '../../shared/application/reply.ts';
import type { AuditRecord } from '../../shared/ledger/audit.ts';
import { succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import type { auditEntryView, listAuditQuery } from './schema.ts';

/** One page of the audit trail for the auditor, oldest first. */
export async function listAudit(store: LedgerStore, query: z.output<typeof listAuditQuery>): Promise<Outcome<Reply>> {
  const page = await store.listAudit(
    { from: query.from, to: query.to },
    { limit: query.limit, ...(query.cursor !== undefined && { cursor: query.cursor }) },
  );
  return succeed({
    statusCode: 200,
    body: { items: page.items.map(toAuditEntryView), ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) },
  });
}

function toAuditEntryView(record: AuditRecord): z.output<typeof auditEntryView> {
  const { amountCents, subject, flags, ...rest } = record;
  const { claimIds, transferIds, ...ids } = subject;
  return {
    ...rest,
    subject: {
      ...ids,
      ...(claimIds !== undefined && { claimIds: [...claimIds] }),
      ...(transferIds !== undefined && { transferIds: [...transferIds] }),
    },
    ...(amountCents !== undefined && { amount: amountCents }),
    ...(flags !== undefined && { flags: [...flags] }),
  };
}
