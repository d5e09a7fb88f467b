import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/ledger/audit.ts';
import { encodeCursor } from '../../../shared/store/cursor.ts';
import { InvalidCursorError, type LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  atSecond,
  deposit,
  deVries,
  employment,
  noordProvider,
  ocw,
  opleiding,
  type StoreFactory,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** The audit trail: written with the change, listed by period across days and shards. */
export function auditContract(makeStore: StoreFactory): void {
  describe('audit trail', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    function entry(auditId: string, at: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
      return {
        auditId,
        at,
        actor: { role: 'funder', clientId: 'funder-ocw', orgId: ocw.funderId },
        action: 'deposit',
        subject: { personId: anna, funderId: ocw.funderId, schemeId: 'stap' },
        amountCents: 100,
        outcome: 'succeeded',
        ...overrides,
      };
    }
    const may = { from: '2026-05-01', to: '2026-05-31' };

    it('writes the audit entry in the same transaction as the movement', async () => {
      await store.createScheme(stap);
      const audit = entry('aud_1', atSecond(0));

      expect(
        await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' }, { audit }),
      ).toEqual({ kind: 'committed' });

      expect(await store.listAudit(may, { limit: 10 })).toEqual({ items: [audit] });
    });

    it('writes no audit entry when the movement is refused', async () => {
      await store.createScheme(opleiding);
      const employed = await store.getEmployment(deVries.funderId, anna);
      expect(employed).toBeUndefined();

      const result = await deposit(
        store,
        { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1', employment },
        { audit: entry('aud_1', atSecond(0)) },
      );

      expect(result).toEqual({ kind: 'not_employed' });
      expect(await store.listAudit(may, { limit: 10 })).toEqual({ items: [] });
    });

    it('writes a provider registration and its audit entry together', async () => {
      const audit = entry('aud_p', atSecond(0), {
        actor: { role: 'auditor', clientId: 'auditor-demo', orgId: 'audit' },
        action: 'provider_register',
        subject: { providerId: noordProvider.providerId, status: 'active' },
      });
      delete (audit as { amountCents?: number }).amountCents;

      await store.putProvider(noordProvider, audit);

      expect(await store.getProvider(noordProvider.providerId)).toEqual(noordProvider);
      expect((await store.listAudit(may, { limit: 10 })).items).toEqual([audit]);
    });

    it('writes a provider registration only while the provider is still as read, else neither item', async () => {
      const audit = (auditId: string) =>
        entry(auditId, atSecond(0), {
          actor: { role: 'auditor', clientId: 'auditor-demo', orgId: 'audit' },
          action: 'provider_register',
          subject: { providerId: noordProvider.providerId, status: 'active' },
        });
      expect(await store.putProvider(noordProvider, audit('aud_1'), 'absent')).toBe('written');
      expect(await store.putProvider(noordProvider, audit('aud_2'), 'absent')).toBe('changed');
      const renamed = { ...noordProvider, name: 'Noord B.V.', updatedAt: '2026-05-21T00:00:00.000Z' };
      const stale = { updatedAt: '2000-01-01T00:00:00.000Z' };
      expect(await store.putProvider(renamed, audit('aud_3'), stale)).toBe('changed');
      expect(await store.putProvider(renamed, audit('aud_4'), { updatedAt: noordProvider.updatedAt })).toBe('written');
      expect(await store.getProvider(noordProvider.providerId)).toEqual(renamed);
      expect((await store.listAudit(may, { limit: 10 })).items.map((item) => item.auditId)).toEqual(['aud_1', 'aud_4']);
    });

    it(
      'lists the entries of a period oldest first, page by ' + 'page across days and shards, and nothing outside it',
      async () => {
        const inside = Array.from({ length: 25 }, (_, index) =>
          entry(
            `aud_${index.toString().padStart(2, '0')}`,
            new Date(Date.parse('2026-05-10T23:59:50.000Z') + index * 1_000).toISOString(),
          ),
        );
        const outside = [
          entry('aud_before', '2026-04-30T23:59:59.999Z'),
          entry('aud_after', '2026-06-01T00:00:00.000Z'),
        ];
        for (const record of [...outside, ...[...inside].reverse()]) await store.recordAudit(record);

        const seen: AuditRecord[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.listAudit(may, { limit: 10, ...(cursor !== undefined && { cursor }) });
          seen.push(...page.items);
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== undefined);

        expect(pages).toBe(3);
        expect(seen).toEqual(inside);
      },
    );

    it('lists only the days asked for', async () => {
      await store.recordAudit(entry('aud_a', '2026-05-01T08:00:00.000Z'));
      await store.recordAudit(entry('aud_b', '2026-05-02T08:00:00.000Z'));
      await store.recordAudit(entry('aud_c', '2026-05-03T08:00:00.000Z'));

      const page = await store.listAudit({ from: '2026-05-02', to: '2026-05-02' }, { limit: 10 });

      expect(page.items.map((record) => record.auditId)).toEqual(['aud_b']);
      expect(page.nextCursor).toBeUndefined();
    });

    it('refuses a cursor from another list', async () => {
      await expect(store.listAudit(may, { limit: 10, cursor: encodeCursor('TX#2026-05-20') })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });
}
