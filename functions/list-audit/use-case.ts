import type * as z from 'zod/mini';
import type { auditEntryView } from '../../shared/api/audit-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { AuditRecord } from '../../shared/ledger/audit.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { AuditStore } from '../../shared/store/ledger-store.ts';
import type { listAuditQuery } from './schema.ts';

/**
 * One page of the audit trail, oldest first. Only auditors reach this route and they see all of
 * it, so the principal decides nothing here; it is taken so that every use case reads alike.
 */
export async function listAudit(
  dependencies: UseCaseDependencies<Pick<AuditStore, 'listAudit'>>,
  _principal: Principal,
  input: z.output<typeof listAuditQuery>,
): Promise<Outcome<Reply>> {
  const page = await dependencies.store.listAudit({ from: input.from, to: input.to }, input);
  return succeed(pageReply(page, toAuditEntryView));
}

/** An audit record under the API's names, with fresh arrays so the view never shares the record's. */
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
