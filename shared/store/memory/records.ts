import type { ClientRecord } from '../../auth/principal.ts';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { Employment } from '../../ledger/employment.ts';
import type { Course, Provider } from '../../ledger/provider.ts';
import type { Scheme } from '../../ledger/scheme.ts';
import type { ProviderExpected } from '../ledger-store.ts';
import { emptyShard, type MemoryState, memoryKey } from './state.ts';

/**
 * The records that are written on their own rather than with a movement: schemes, employments,
 * providers, courses and citizens' profiles. Each create answers `exists` on the same terms as
 * the DynamoDB adapter's conditional put.
 */

/** Creates a scheme with its budget shards, or answers `exists` and changes nothing. */
export function createScheme(
  state: MemoryState,
  scheme: Scheme,
  budgetShardsCents?: readonly number[],
): 'created' | 'exists' {
  const { schemeId } = scheme;
  const { funderId } = scheme.funder;
  const key = memoryKey.scheme(funderId, schemeId);
  if (state.schemes.has(key)) return 'exists';
  state.schemes.set(key, structuredClone(scheme));
  budgetShardsCents?.forEach((budgetRemainingCents, shard) => {
    state.totals.set(memoryKey.total(funderId, schemeId, shard), { ...emptyShard(shard), budgetRemainingCents });
  });
  return 'created';
}

/** Starts an employment; it may replace an ended one (re-hiring), never an ongoing one. */
export function startEmployment(state: MemoryState, employment: Employment): 'created' | 'exists' {
  const key = memoryKey.employment(employment.employerId, employment.personId);
  const existing = state.employments.get(key);
  if (existing !== undefined && existing.endDate === undefined) return 'exists';
  state.employments.set(key, structuredClone(employment));
  return 'created';
}

/** Registers or replaces an API client. */
export function putClient(state: MemoryState, client: ClientRecord): void {
  state.clients.set(client.clientId, structuredClone(client));
}

/** Registers or updates a provider, with its audit entry when given, while it is still as `expected`. */
export function putProvider(
  state: MemoryState,
  provider: Provider,
  audit?: AuditRecord,
  expected?: ProviderExpected,
): 'written' | 'changed' {
  const stored = state.providers.get(provider.providerId);
  if (
    expected !== undefined &&
    (expected === 'absent' ? stored !== undefined : stored?.updatedAt !== expected.updatedAt)
  )
    return 'changed';
  state.providers.set(provider.providerId, structuredClone(provider));
  if (audit !== undefined) state.audit.push(structuredClone(audit));
  return 'written';
}

/** Publishes a course, or answers `exists` and changes nothing. */
export function createCourse(state: MemoryState, course: Course): 'created' | 'exists' {
  const key = memoryKey.course(course.providerId, course.courseId);
  if (state.courses.has(key)) return 'exists';
  state.courses.set(key, structuredClone(course));
  return 'created';
}

/** Notes a citizen's first visit; later ones change nothing. */
export function recordFirstSeen(state: MemoryState, personId: string, at: string): void {
  if (!state.profiles.has(personId)) state.profiles.set(personId, { firstSeenAt: at });
}
