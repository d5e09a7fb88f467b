import type { Claim, ClaimStatus } from '../../ledger/claim.ts';
import { limits } from '../../ledger/limits.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Course } from '../../ledger/provider.ts';
import type { Scheme } from '../../ledger/scheme.ts';
import type { SchemeTotalShard } from '../../ledger/scheme-totals.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { CourseFilter, Page, PageRequest, PotDue } from '../ledger-store.ts';
import {
  claimDeadline,
  claimDueSortKey,
  claimSortKey,
  compareStrings,
  courseSortKey,
  listPrefix,
  potExpirySortKey,
  providerCourseSortKey,
  schemeSortKey,
  transferSortKey,
} from '../sort-keys.ts';
import { type MemoryState, memoryKey } from './state.ts';

/**
 * The lists of the in-memory adapter. Each orders by the same sort key as the DynamoDB table or
 * index it stands for, and pages with the same cursors, so both adapters page alike.
 */

/** One page of a sorted list, after the cursor's sort key, which must start with `prefix`. */
export function paginate<T>(
  sorted: ReadonlyArray<{ sortKey: string; item: T }>,
  page: PageRequest,
  prefix: string,
  order: 'ascending' | 'descending',
): Page<T> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, prefix);
  const rest =
    after === undefined
      ? sorted
      : sorted.filter((entry) => (order === 'ascending' ? entry.sortKey > after : entry.sortKey < after));
  const items = rest.slice(0, Math.min(page.limit, limits.pageSizeMax));
  const last = items.at(-1);
  return {
    items: items.map((entry) => structuredClone(entry.item)),
    ...(rest.length > items.length && last !== undefined && { nextCursor: encodeCursor(last.sortKey) }),
  };
}

/** A funder's schemes, by id. */
export function listSchemes(state: MemoryState, funderId: string, page: PageRequest): Page<Scheme> {
  const all = [...state.schemes.values()]
    .filter((scheme) => scheme.funder.funderId === funderId)
    .map((scheme) => ({ sortKey: schemeSortKey(scheme.schemeId), item: scheme }))
    .sort((a, b) => compareStrings(a.sortKey, b.sortKey));
  return paginate(all, page, listPrefix.scheme, 'ascending');
}

/** Every total shard of a scheme, by shard number. */
export function getSchemeTotals(state: MemoryState, funderId: string, schemeId: string): SchemeTotalShard[] {
  const prefix = `${memoryKey.scheme(funderId, schemeId)}#`;
  return [...state.totals.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([, shard]) => ({ ...shard }))
    .sort((a, b) => a.shard - b.shard);
}

/** A person's pots, by pot id. */
export function listPots(state: MemoryState, personId: string): Pot[] {
  return [...state.pots.values()]
    .filter((pot) => pot.personId === personId)
    .sort((a, b) => compareStrings(a.potId, b.potId))
    .map((pot) => structuredClone(pot));
}

/** A person's transfers, newest first. */
export function listTransfers(state: MemoryState, personId: string, page: PageRequest): Page<Transfer> {
  const all = (state.transfers.get(personId) ?? [])
    .map((transfer) => ({ sortKey: transferSortKey(transfer), item: transfer }))
    .sort((a, b) => compareStrings(b.sortKey, a.sortKey));
  return paginate(all, page, listPrefix.transfer, 'descending');
}

/** Pots on the expiry work list whose expiry date is before `before`, earliest first. */
export function listPotsDue(state: MemoryState, before: string, limit: number): PotDue[] {
  return [...state.potsDue]
    .map((key) => state.pots.get(key))
    .filter((pot): pot is Pot & { expiresAt: string } => pot?.expiresAt !== undefined && pot.expiresAt < before)
    .sort((a, b) => compareStrings(potExpirySortKey(a), potExpirySortKey(b)))
    .slice(0, limit)
    .map(({ personId, potId, expiresAt }) => ({ personId, potId, expiresAt }));
}

/** Courses whose title contains `q` (case-insensitive) and, when given, of `category`, by title. */
export function searchCourses(state: MemoryState, filter: CourseFilter, page: PageRequest): Page<Course> {
  const q = filter.q?.toLowerCase();
  const { providerId } = filter;
  const matches = (course: Course) =>
    (q === undefined || course.title.toLowerCase().includes(q)) &&
    (filter.category === undefined || course.category === filter.category) &&
    (providerId === undefined || course.providerId === providerId);
  // The catalogue is by title; one provider's courses by id, as DynamoDB keeps them in its partition.
  const sortKeyOf = (course: Course) =>
    providerId === undefined ? courseSortKey(course) : providerCourseSortKey(course.courseId);
  const all = [...state.courses.values()]
    .filter(matches)
    .map((course) => ({ sortKey: sortKeyOf(course), item: course }))
    .sort((a, b) => compareStrings(a.sortKey, b.sortKey));
  return paginate(all, page, listPrefix.course, 'ascending');
}

/** The claims that pass `include`, newest first. */
function listClaims(state: MemoryState, include: (claim: Claim) => boolean, page: PageRequest): Page<Claim> {
  const all = [...state.claims.values()]
    .filter(include)
    .map((claim) => ({ sortKey: claimSortKey(claim), item: claim }))
    .sort((a, b) => compareStrings(b.sortKey, a.sortKey));
  return paginate(all, page, listPrefix.claim, 'descending');
}

/** A provider's claims, newest first, optionally of one status. */
export function listProviderClaims(
  state: MemoryState,
  providerId: string,
  status: ClaimStatus | undefined,
  page: PageRequest,
): Page<Claim> {
  const include = (claim: Claim) =>
    claim.providerId === providerId && (status === undefined || claim.status === status);
  return listClaims(state, include, page);
}

/** The claims addressed to a person, newest first. */
export function listPersonClaims(state: MemoryState, personId: string, page: PageRequest): Page<Claim> {
  return listClaims(state, (claim) => claim.personId === personId, page);
}

/** Claims of a status whose deadline is before `before`, oldest deadline first. */
export function listClaimsDue(
  state: MemoryState,
  status: 'awaiting_approval' | 'approved' | 'captured',
  before: string,
  limit: number,
): Claim[] {
  return [...state.claims.values()]
    .filter((claim) => claim.status === status && (claimDeadline(claim) ?? '') < before)
    .sort((a, b) => compareStrings(claimDueSortKey(a) ?? '', claimDueSortKey(b) ?? ''))
    .slice(0, limit)
    .map((claim) => structuredClone(claim));
}
