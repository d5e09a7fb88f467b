import { batchAccount, potAccount } from './accounts.ts';
import type { AuditActor } from './audit.ts';
import { depositIntoPot } from './deposit.ts';
import { type Employment, isEmployedOn, isOngoing } from './employment.ts';
import { limits } from './limits.ts';
import { formatEuros } from './money.ts';
import { potIdFor } from './pot.ts';
import { expiryDateFor, type Funder, type Scheme } from './scheme.ts';
import { type SchemeTotalShard, takeFromBudgetShards } from './scheme-totals.ts';
import type { Movement, SchemeTotalChange, Transfer } from './transfer.ts';

/**
 * A deposit batch: up to `limits.batchRowsMax` deposits sent at once, paid in the background.
 *
 * A yearly grant to millions must not write one item per row that every row shares: the scheme's
 * total and budget are touched once when the batch starts and once when it ends. The batch first
 * reserves what its good rows need from each scheme, as one movement from the funder's account
 * into the batch's own account (`batchAccount`); each row then moves its amount from the batch's
 * account into the person's pot; when every row is done, the batch settles, giving back to the
 * funder what rows refused later did not use. The batch's account has no balance item: like a
 * suspense account, its balance is the reservation less what the rows and the settlement moved,
 * which reconciliation derives from those records, so the ledger sums to zero at every moment.
 *
 * The functions here are pure: the application reads, they decide, the store writes.
 */

/** A data row as accepted: the BSN already turned into the person id (no BSN is ever stored). */
export interface BatchRow {
  /** 1-based position among the data rows (a CSV header is not counted). */
  readonly row: number;
  readonly personId: string;
  readonly schemeId: string;
  readonly amountCents: number;
  readonly reference?: string;
}

/** Why a row was not paid. The codes are those a single deposit answers with. */
export type BatchRowErrorCode =
  | 'validation_failed'
  | 'unknown_person'
  | 'unknown_scheme'
  | 'scheme_expired'
  | 'not_employed'
  | 'budget_exceeded';

/** A refused row: its position, a stable code and a plain sentence that says how to fix it. */
export interface BatchRowError {
  readonly row: number;
  readonly code: BatchRowErrorCode;
  readonly message: string;
}

/** What a batch holds back from one scheme for its rows, and on which budget shards. */
export interface SchemeReservation {
  readonly schemeId: string;
  readonly reservedCents: number;
  /** Where it was taken; the settlement gives unused money back to the same shards. */
  readonly parts: ReadonlyArray<{ readonly shard: number; readonly amountCents: number }>;
  readonly budgeted: boolean;
}

/** The batch's start, decided once: what it reserves and which rows it refuses before paying any. */
export interface BatchPreparation {
  /** The Dutch calendar date the batch books on: it sets every row's pot expiry. */
  readonly today: string;
  readonly reservations: readonly SchemeReservation[];
  readonly refused: readonly BatchRowRefusal[];
  /** The reservation's changes to the scheme totals (no pot changes: the money waits in the batch). */
  readonly totalChanges: readonly SchemeTotalChange[];
}

export interface BatchPreparationRequest {
  readonly funder: Funder;
  readonly rows: readonly BatchRow[];
  /** The caller's schemes that the rows name; a name missing here is an unknown scheme. */
  readonly schemes: ReadonlyMap<string, Scheme>;
  /** The rows' employments with the funder, by person id; consulted only when the funder is an employer. */
  readonly employments: ReadonlyMap<string, Employment>;
  /** Each budgeted scheme's total shards, as last read. */
  readonly shards: ReadonlyMap<string, readonly SchemeTotalShard[]>;
  readonly today: string;
  /** Where to start taking budget; random per attempt, so concurrent batches spread over shards. */
  readonly shardStart: number;
}

/** The plain sentence for a refused row; never names the person (no BSN, no person id). */
export function rowErrorMessage(code: Exclude<BatchRowErrorCode, 'validation_failed'>, schemeId: string): string {
  switch (code) {
    case 'unknown_person':
      return 'No person has this BSN: it does not pass the elfproef (eleven test). Check the number.';
    case 'unknown_scheme':
      return `You have no scheme with id ${schemeId}. Check the schemeId, or create the scheme with POST /v1/schemes.`;
    case 'scheme_expired':
      return `Money in scheme ${schemeId} has expired, so it can no longer receive deposits. Use another scheme.`;
    case 'not_employed':
      return (
        'This person is not employed by you today. Register the employment with POST /v1/employees, ' +
        'then send this row again.'
      );
    case 'budget_exceeded':
      return `The budget of scheme ${schemeId} ran out before this row. This row was not paid.`;
  }
}

/**
 * Decides the batch's start, in row order as single deposits sent one after another would be
 * judged: a row naming an unknown or expired scheme, or (for an employer) a person not employed
 * today, is refused; of the rest, each row that still fits in its scheme's remaining budget is
 * reserved for and each that does not is refused with `budget_exceeded` (a later, smaller row may
 * still fit). The reservations are taken from the budget shards in one movement.
 */
export function planBatchPreparation(request: BatchPreparationRequest): BatchPreparation {
  const refused: BatchRowRefusal[] = [];
  const refuse = (row: BatchRow, code: BatchRowRefusal['code']) => refused.push({ row: row.row, code });
  const reserved = new Map<string, number>();
  const budgetLeft = new Map<string, number>();
  for (const [schemeId, shards] of request.shards) {
    budgetLeft.set(
      schemeId,
      shards.reduce((sum, shard) => sum + (shard.budgetRemainingCents ?? 0), 0),
    );
  }
  for (const row of request.rows) {
    const scheme = request.schemes.get(row.schemeId);
    if (scheme === undefined) {
      refuse(row, 'unknown_scheme');
      continue;
    }
    const expiresAt = expiryDateFor(scheme, request.today);
    if (expiresAt !== undefined && expiresAt <= request.today) {
      refuse(row, 'scheme_expired');
      continue;
    }
    const employment = request.employments.get(row.personId);
    if (request.funder.type === 'employer' && !(isOngoing(employment) && isEmployedOn(employment, request.today))) {
      refuse(row, 'not_employed');
      continue;
    }
    if (scheme.budgetCents !== undefined) {
      const left = budgetLeft.get(scheme.schemeId) ?? 0;
      if (row.amountCents > left) {
        refuse(row, 'budget_exceeded');
        continue;
      }
      budgetLeft.set(scheme.schemeId, left - row.amountCents);
    }
    reserved.set(scheme.schemeId, (reserved.get(scheme.schemeId) ?? 0) + row.amountCents);
  }

  const reservations: SchemeReservation[] = [];
  const totalChanges: SchemeTotalChange[] = [];
  for (const [schemeId, reservedCents] of reserved) {
    const scheme = request.schemes.get(schemeId) as Scheme;
    const budgeted = scheme.budgetCents !== undefined;
    const start = request.shardStart % limits.schemeTotalShards;
    const parts = budgeted
      ? takeFromBudgetShards(request.shards.get(schemeId) ?? [], reservedCents, start)
      : [{ shard: start, amountCents: reservedCents }];
    if (parts === undefined) throw new Error(`planBatchPreparation: the budget of ${schemeId} was counted wrong`);
    reservations.push({ schemeId, reservedCents, parts, budgeted });
    for (const part of parts) {
      totalChanges.push({
        funderId: request.funder.funderId,
        schemeId,
        shard: part.shard,
        balanceDeltaCents: -part.amountCents,
        depositedDeltaCents: 0,
        returnedDeltaCents: 0,
        expiredDeltaCents: 0,
        ...(budgeted && { budgetRemainingDeltaCents: -part.amountCents }),
      });
    }
  }
  return { today: request.today, reservations, refused, totalChanges };
}

export interface BatchRowRequest {
  readonly batchId: string;
  readonly scheme: Scheme;
  readonly row: BatchRow;
  /** The batch's booking date (its preparation's `today`), so a redelivered row lands in the same pot. */
  readonly today: string;
  /** ISO 8601 UTC instant of the write. */
  readonly at: string;
}

/** The transfer id of a batch row: derived from the batch and the row, so a redelivery cannot pay twice. */
export function batchRowTransferId(batchId: string, row: number): string {
  return `dep_${batchId.slice('bat_'.length)}_${row}`;
}

/**
 * One row's deposit: from the batch's account into the person's pot. No scheme total changes: the
 * batch's reservation already took the money from the funder. For an employer the employment must
 * still be ongoing when it is written.
 */
export function planBatchRow(request: BatchRowRequest): { readonly movement: Movement; readonly transfer: Transfer } {
  const { scheme, row } = request;
  const funder = scheme.funder;
  const expiresAt = expiryDateFor(scheme, request.today);
  const potId = potIdFor(scheme, expiresAt);
  const transfer: Transfer = {
    transferId: batchRowTransferId(request.batchId, row.row),
    type: 'deposit',
    at: request.at,
    amountCents: row.amountCents,
    debitAccount: batchAccount(request.batchId, scheme.schemeId),
    creditAccount: potAccount(row.personId, potId),
    personId: row.personId,
    potId,
    schemeId: scheme.schemeId,
    funderId: funder.funderId,
    availableEffectCents: row.amountCents,
    description: `${funder.name} deposited ${formatEuros(row.amountCents, 'en')} for ${scheme.label}`,
    ...(row.reference !== undefined && { reference: row.reference }),
  };
  const movement: Movement = {
    transfers: [transfer],
    potChanges: [depositIntoPot(scheme, row.personId, expiresAt, row.amountCents)],
    totalChanges: [],
    ...(funder.type === 'employer' && {
      requireEmployment: { employerId: funder.funderId, personId: row.personId },
    }),
  };
  return { movement, transfer };
}

/**
 * Splits rows into groups that can each be one transaction: at most `itemsMax` items, where a row
 * writes `itemsPerRow`, and no person twice in a group (a transaction may touch an item only once,
 * and two rows for one person may share a pot and an employment). Keeps row order within groups.
 */
export function groupBatchRows<R extends Pick<BatchRow, 'personId'>>(
  rows: readonly R[],
  itemsPerRow: number,
  itemsMax: number = limits.transactionItemsMax,
): R[][] {
  const rowsMax = Math.max(1, Math.floor(itemsMax / itemsPerRow));
  const groups: Array<{ rows: R[]; persons: Set<string> }> = [];
  for (const row of rows) {
    let group = groups.find((candidate) => candidate.rows.length < rowsMax && !candidate.persons.has(row.personId));
    if (group === undefined) {
      group = { rows: [], persons: new Set() };
      groups.push(group);
    }
    group.rows.push(row);
    group.persons.add(row.personId);
  }
  return groups.map((group) => group.rows);
}

/**
 * The batch's end: each reservation less what its rows paid goes back to the funder, to the shards
 * it came from, and the scheme totals count what was deposited. Crashes when rows paid more than
 * was reserved: that would be a bug.
 */
export function planBatchSettlement(
  funderId: string,
  reservations: readonly SchemeReservation[],
  paidCents: ReadonlyMap<string, number>,
): { readonly returned: ReadonlyArray<{ schemeId: string; amountCents: number }>; totalChanges: SchemeTotalChange[] } {
  const returned: Array<{ schemeId: string; amountCents: number }> = [];
  const totalChanges: SchemeTotalChange[] = [];
  for (const reservation of reservations) {
    const paid = paidCents.get(reservation.schemeId) ?? 0;
    const unused = reservation.reservedCents - paid;
    if (paid < 0 || unused < 0) {
      throw new Error(
        `planBatchSettlement: rows of ${reservation.schemeId} paid ${paid} of ${reservation.reservedCents}`,
      );
    }
    if (unused > 0) returned.push({ schemeId: reservation.schemeId, amountCents: unused });
    let toReturn = unused;
    reservation.parts.forEach((part, index) => {
      const back = Math.min(toReturn, part.amountCents);
      toReturn -= back;
      // What was deposited is counted on the first shard; any shard's count adds up the same.
      const deposited = index === 0 ? paid : 0;
      if (back === 0 && deposited === 0) return;
      totalChanges.push({
        funderId,
        schemeId: reservation.schemeId,
        shard: part.shard,
        balanceDeltaCents: back,
        depositedDeltaCents: deposited,
        returnedDeltaCents: 0,
        expiredDeltaCents: 0,
        ...(reservation.budgeted && { budgetRemainingDeltaCents: back }),
      });
    });
  }
  return { returned, totalChanges };
}

/** A row refused at the batch's start, as kept: its message is made again from the code and the row. */
export interface BatchRowRefusal {
  readonly row: number;
  readonly code: Exclude<BatchRowErrorCode, 'validation_failed'>;
}

/** A batch as stored: what was sent, how far it is, and its end. */
export interface DepositBatch {
  readonly batchId: string;
  /** The organisation that sent it (funder id or employer KvK number); only it may read the batch. */
  readonly funderId: string;
  readonly funder: Funder;
  /** Who sent it; its rows' audit entries name the same actor. */
  readonly createdBy: AuditActor;
  readonly createdAt: string;
  /** Hash of the rows as sent (BSNs replaced by person ids), to tell a retry from a reused key. */
  readonly requestHash: string;
  /** Data rows sent. */
  readonly total: number;
  readonly chunkCount: number;
  readonly status: 'processing' | 'done';
  /** Set once the batch has reserved its money. */
  readonly preparation?: Omit<BatchPreparation, 'totalChanges' | 'refused'> & { readonly preparedAt: string };
  /** Set once every row is done and what was not used went back. */
  readonly settlement?: BatchSettlement;
}

export interface BatchSettlement {
  readonly settledAt: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly amountSucceededCents: number;
  readonly returned: ReadonlyArray<{ readonly schemeId: string; readonly amountCents: number }>;
}

/** A chunk of a batch's rows: the unit of work on the queue, stored as one item. */
export interface DepositBatchChunk {
  readonly batchId: string;
  /** 0-based. */
  readonly index: number;
  /** The first data row the chunk covers (1-based) and how many it covers, refused ones included. */
  readonly firstRow: number;
  readonly rowCount: number;
  /** Its rows that were well formed when sent. */
  readonly rows: readonly BatchRow[];
  /** Its rows refused when sent (malformed, or a BSN that fails the elfproef). */
  readonly errors: readonly BatchRowError[];
}

/**
 * A chunk once done: every row of its range either paid or refused. Kept apart from the rows, so
 * reading progress reads little.
 */
export interface ChunkResult {
  readonly index: number;
  /** Rows of the chunk's range, paid and refused. */
  readonly rowCount: number;
  readonly completedAt: string;
  readonly succeeded: number;
  /** What its paid rows moved, per scheme id. */
  readonly paidCents: Readonly<Record<string, number>>;
  /** Every refused row of the chunk's range, by row: when sent, at the start, or when paying. */
  readonly errors: readonly BatchRowError[];
}
