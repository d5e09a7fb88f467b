import type { Pot } from '../../shared/ledger/pot.ts';
import type { Transfer } from '../../shared/ledger/transfer.ts';
import { MemoryLedgerStore } from '../../shared/store/memory/memory-store.ts';
import { type MemoryState, memoryKey } from '../../shared/store/memory/state.ts';
import type { StoreCorruption } from './ledger-store/fixtures.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';

/** Damages the adapter's state directly, as no `commit` ever would. */
function corruptionOf(store: MemoryLedgerStore): StoreCorruption {
  // The state is private to the adapter; only this test reaches into it.
  const { state } = store as unknown as { state: MemoryState };
  const existingPot = (personId: string, potId: string): Pot => {
    const pot = state.pots.get(memoryKey.pot(personId, potId));
    if (pot === undefined) throw new Error(`test setup: no pot ${potId} of ${personId}`);
    return pot;
  };
  const record = (transfer: Transfer) => {
    state.transfers.set(transfer.personId, [...(state.transfers.get(transfer.personId) ?? []), transfer]);
  };
  return {
    pot: async (personId, potId, availableCents) => {
      state.pots.set(memoryKey.pot(personId, potId), { ...existingPot(personId, potId), availableCents });
    },
    oneSidedTransfer: async (transfer) => {
      const pot = existingPot(transfer.personId, transfer.potId);
      record(transfer);
      state.pots.set(memoryKey.pot(pot.personId, pot.potId), {
        ...pot,
        availableCents: pot.availableCents + transfer.amountCents,
      });
    },
    transferRecordOnly: async (transfer) => {
      record(transfer);
    },
  };
}

describeLedgerStoreContract('MemoryLedgerStore', async () => {
  const store = new MemoryLedgerStore();
  return { store, corrupt: corruptionOf(store) };
});
