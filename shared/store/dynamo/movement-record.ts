import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import type { IdempotencyRecord } from '../ledger-store.ts';
import type { Item } from './items.ts';
import { auditIndexKey, key, type TableKey, transferIndexKey } from './keys.ts';
import { movementRecordDictionaries, movementRecordFormat } from './movement-record-dictionary.ts';

/**
 * The movement record: one item that is at once a movement's idempotency record, its audit entry
 * and its transfers. Each of the three used to be an item of its own; as one item, a deposit's
 * transaction writes three items instead of five (see docs/capacity.md).
 *
 * - **Key.** With an idempotency key, the record's key is derived from it (`IDEMPOTENCY#<scope>#<key>`),
 *   so writing it only while absent is what makes a request take effect once. A job's movement has
 *   no key: its record is keyed by its first transfer (`MOVEMENT#<personId>#<at>#<transferId>`,
 *   what a transfer's own key held before), so a second write of the same transfer fails as before.
 *   An audit entry without money (a refusal, a provider's registration, a payout) is keyed by its
 *   audit id.
 * - **Listings.** Two sparse indexes list records: gsi4 by audit day and shard (the auditor's
 *   trail), gsi5 by person and time (a person's history). A record is in an index only when it has
 *   what that index lists. Both project only `body`, which never changes, so an index entry is
 *   written once.
 * - **Body.** What the record says is kept as compressed JSON in one binary attribute: a format
 *   byte, then raw DEFLATE with a preset dictionary of what every record repeats (field names,
 *   fixed values; `movement-record-dictionary.ts`). The three parts also repeat one another (ids,
 *   the person, accounts, the instant), which compression removes: on the benchmark's records a
 *   deposit's parts are 1,250 bytes as JSON and 400 compressed, an approval's 1,760 and 460
 *   (Brotli without a dictionary: 545 and 696). That keeps the whole item, index keys included,
 *   within the 1 KB that one write unit covers. The keys and index keys stay plain, so the table
 *   can be read by key and listed without decoding. JSON keeps a reply body's key order, so a
 *   replay answers byte for byte what the first did.
 */
export interface MovementRecord {
  readonly idempotency?: IdempotencyRecord & { readonly createdAt: string };
  readonly audit?: AuditRecord;
  readonly transfers?: readonly Transfer[];
}

/** What the record's body is decoded into; `entity` tells a record among the table's other items. */
export const movementEntity = 'movement';

/** The body as stored: its format version, then raw DEFLATE of the JSON with that version's dictionary. */
export function encodeBody(record: MovementRecord): Uint8Array {
  const dictionary = dictionaryOf(movementRecordFormat);
  const compressed = deflateRawSync(JSON.stringify(record), { level: constants.Z_BEST_COMPRESSION, dictionary });
  return Buffer.concat([Buffer.of(movementRecordFormat), compressed]);
}

/** The record a stored body holds, in whichever format version it was written. */
export function decodeBody(body: Uint8Array): MovementRecord {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dictionary = dictionaryOf(bytes[0] ?? 0);
  return JSON.parse(inflateRawSync(bytes.subarray(1), { dictionary }).toString('utf8')) as MovementRecord;
}

function dictionaryOf(version: number): Buffer {
  const dictionary = movementRecordDictionaries.get(version);
  if (dictionary === undefined) throw new Error(`movement record: unknown body format ${version}`);
  return dictionary;
}

/** The record an item holds (from the table, an index or a cancellation's `ALL_OLD`). */
export function movementRecordFromItem(item: Item): MovementRecord {
  const body = item['body'];
  if (!(body instanceof Uint8Array)) throw new Error(`movement record ${String(item['pk'])} has no body`);
  return decodeBody(body);
}

/** Where a record is kept: by its idempotency key, else its first transfer, else its audit entry. */
export function movementRecordKey(
  record: MovementRecord,
  idempotency?: { readonly scope: string; readonly key: string },
): TableKey | undefined {
  if (idempotency !== undefined) return key.idempotency(idempotency.scope, idempotency.key);
  const first = record.transfers?.[0];
  if (first !== undefined) return key.movement(first);
  if (record.audit !== undefined) return key.auditEntry(record.audit.auditId);
  return undefined;
}

/**
 * The record as an item: its key, the index keys of what it holds, and the body. Every transfer
 * of one movement concerns one person (each is a change to that person's pots); a movement
 * touching two persons would be listed under the first only, so it is refused as a bug.
 */
export function movementRecordItem(tableKey: TableKey, record: MovementRecord): Item {
  const transfers = record.transfers ?? [];
  const first = transfers[0];
  if (first !== undefined && transfers.some((transfer) => transfer.personId !== first.personId)) {
    throw new Error(`movement record ${tableKey.pk}: its transfers concern more than one person`);
  }
  return {
    ...tableKey,
    entity: movementEntity,
    ...(record.audit !== undefined && auditIndexKey(record.audit)),
    ...(first !== undefined && transferIndexKey(first)),
    body: encodeBody(record),
  };
}
