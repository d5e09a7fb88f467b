import { MemoryLedgerStore } from '../../shared/store/memory/memory-store.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';

describeLedgerStoreContract('MemoryLedgerStore', async () => ({ store: new MemoryLedgerStore() }));
