import { describe, expect, it } from 'vitest';
import { registerProvider } from '../../../functions/register-provider/use-case.ts';
import type { Principal } from '../../../shared/auth/principal.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { MemoryLedgerStore } from '../../../shared/store/memory/memory-store.ts';

/**
 * A provider's IBAN changes are audited with what they replaced. Two registrations at once must not
 * leave a change that no audit entry shows: the one that read the provider before the other wrote
 * it reads again, so its entry's "from" is what it replaced.
 */
const auditor: Principal = {
  role: 'auditor',
  clientId: 'auditor-demo',
  orgId: 'leerrekening',
  orgName: 'Leerrekening',
};
const original = 'NL91ABNA0417164300';
const changed = 'NL20INGB0001234567';
const noWait = async () => {};
const body = { providerId: 'noord', name: 'Opleidingen Noord', kvk: '11223344', status: 'active' as const };

describe('registerProvider racing another registration', () => {
  it('audits the IBAN going back when a stale name change lands after an IBAN change', async () => {
    const store = new MemoryLedgerStore();
    let clock = Date.parse('2026-05-20T10:00:00.000Z');
    const now = () => {
      clock += 1_000;
      return new Date(clock);
    };
    await registerProvider({ store, now, wait: noWait }, auditor, { ...body, iban: original });

    // The name change reads the provider; the IBAN change is written before it writes.
    let raced = false;
    const racing = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'putProvider') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<MemoryLedgerStore['putProvider']>) => {
          if (!raced) {
            raced = true;
            await registerProvider({ store, now, wait: noWait }, auditor, { ...body, iban: changed });
          }
          return target.putProvider(...args);
        };
      },
    });
    const renamed = await registerProvider({ store: racing, now, wait: noWait }, auditor, {
      ...body,
      name: 'Opleidingen Noord B.V.',
      iban: original,
    });
    expect(renamed.ok).toBe(true);

    const provider = await store.getProvider('noord');
    expect(provider).toMatchObject({ name: 'Opleidingen Noord B.V.', iban: original });
    const entries = (await store.listAudit({ from: '2026-05-20', to: '2026-05-20' }, { limit: 50 })).items;
    const ibanChanges = entries.flatMap((entry) => (entry.changes?.iban === undefined ? [] : [entry.changes.iban]));
    // Registered, changed, and changed back: the last entry's "to" is the IBAN payouts go to.
    expect(ibanChanges.map((change) => [change.from, change.to])).toEqual([
      [undefined, '**************4300'],
      ['**************4300', '**************4567'],
      ['**************4567', '**************4300'],
    ]);
  });

  it('answers concurrent_update after every attempt lost, without waiting after the last', async () => {
    const store = new MemoryLedgerStore();
    const now = () => new Date('2026-05-20T10:00:00.000Z');
    await registerProvider({ store, now, wait: noWait }, auditor, { ...body, iban: original });
    let puts = 0;
    const waits: number[] = [];
    const losing = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'putProvider') return Reflect.get(target, property, receiver);
        return async () => {
          puts += 1;
          return 'changed' as const;
        };
      },
    });
    const outcome = await registerProvider(
      { store: losing, now, wait: async (attempt) => void waits.push(attempt) },
      auditor,
      { ...body, iban: changed },
    );

    expect(outcome).toMatchObject({ ok: false, code: 'concurrent_update' });
    expect(puts).toBe(limits.transactionAttemptsMax);
    expect(waits).toEqual(Array.from({ length: limits.transactionAttemptsMax - 1 }, (_, index) => index + 1));
    expect((await store.getProvider('noord'))?.iban).toBe(original);
  });
});
