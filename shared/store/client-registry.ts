import type { ClientRegistry } from '../auth/principal.ts';
import { storeFromEnvironment } from '../runtime/environment.ts';

/**
 * The client registry lives in the ledger table (`CLIENT#<clientId>` items), seeded locally and
 * managed by operators in AWS.
 */
export function clientRegistryFromEnvironment(): ClientRegistry {
  const store = storeFromEnvironment();
  return { get: (clientId) => store.getClient(clientId) };
}
