import {
  type AttributeValue,
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  type DynamoDBClient,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

/**
 * Crashes at step boundaries: a process whose ports (the store, the payout file store, the queue)
 * are wrapped so that each call is a numbered step, and which dies at one chosen step, either just
 * before the call is made or just after it has happened (the write is done but its reply is lost).
 * Once dead, every later call on any of its ports fails too, as nothing runs in a dead process. A
 * fault (`survives`) fails only that one call, and the process goes on with its own error handling.
 *
 * A test first runs the work on a counting process (no crash) to learn how many steps a clean run
 * takes, then, from the same starting state each time, crashes it at each step and finishes the
 * work on the plain ports, and checks the result is exactly that of a clean run.
 */

/** What every call of a dead process fails with. */
export const crashMessage = 'crash: the process died';

/** Before the call is made, or after it has happened and before its caller hears of it. */
export type CrashTiming = 'before' | 'after';

export interface CrashPoint {
  /** The 1-based number of the step to die at. */
  readonly step: number;
  readonly timing: CrashTiming;
  /**
   * When true, only that one call fails (a timeout, a lost reply) and the process lives on: its
   * later calls go through, so the code's own handling of the error runs, not just a run again.
   */
  readonly survives?: boolean;
}

/**
 * Which calls are steps: `writes` (every method but the ones that only read, by their names) or
 * `calls` (every call). A crash before a read leaves the same state as a crash after the write
 * before it, so `writes` reaches every state a crash can leave with fewer runs.
 */
export type StepKind = 'writes' | 'calls';

/** Methods that only read, by name: everything else a port does is counted as a write. */
const readOnly = /^(get|list|read|search|reconcile)/;

/** True for a method that changes something (a store write, a file put, a queue send). */
export function isWrite(method: string): boolean {
  return !readOnly.test(method);
}

/** One process: its ports wrapped, its steps counted, and maybe its death at one of them. */
export class CrashingProcess {
  /** The steps made so far (started ones, including the one it died at), as `port.method`. */
  readonly steps: string[] = [];
  private dead = false;
  private failed = false;

  constructor(
    private readonly crash: CrashPoint | undefined = undefined,
    private readonly kind: StepKind = 'writes',
  ) {}

  /** Whether the process died (at its crash point). */
  get crashed(): boolean {
    return this.dead;
  }

  /** Whether the call at the crash point failed, whether or not the process died with it. */
  get faulted(): boolean {
    return this.failed;
  }

  /** `port` as this process sees it: each call counted as a step, and failing once the process is dead. */
  wrap<T extends object>(port: T, name: string): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const method = value as (...args: unknown[]) => unknown;
        return async (...args: unknown[]) => {
          if (this.dead) throw new Error(crashMessage);
          if (this.kind === 'writes' && !isWrite(property)) return method.apply(target, args);
          this.steps.push(`${name}.${property}`);
          const step = this.steps.length;
          if (this.crash?.step === step && this.crash.timing === 'before') this.die();
          const result = await method.apply(target, args);
          // Another call of this process may have died while this one was on its way.
          if (this.dead) throw new Error(crashMessage);
          if (this.crash?.step === step && this.crash.timing === 'after') this.die();
          return result;
        };
      },
    });
  }

  private die(): never {
    this.failed = true;
    if (this.crash?.survives !== true) this.dead = true;
    throw new Error(crashMessage);
  }
}

/** True for the error a dead process's calls fail with. */
export function isCrash(error: unknown): boolean {
  return error instanceof Error && error.message === crashMessage;
}

/**
 * The steps to crash at, of a clean run of `count` steps: all of the first `all`, then every
 * `every`-th, and always the last, so a long run stays within a test's time while its start (where
 * most distinct writes are) and its end are covered. Deterministic: the same steps every run.
 */
export function crashSteps(count: number, all = 20, every = 3): number[] {
  const steps: number[] = [];
  for (let step = 1; step <= count; step += 1) {
    if (step <= all || (step - all) % every === 0 || step === count) steps.push(step);
  }
  return steps;
}

/** Every item of a table, as DynamoDB holds it, to put back with {@link restoreTable}. */
export type TableSnapshot = ReadonlyArray<Record<string, AttributeValue>>;

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** The table's items as they are now. */
export function snapshotTable(client: DynamoDBClient, tableName: string): Promise<TableSnapshot> {
  return scanAll(client, tableName);
}

const keyOf = (item: Record<string, AttributeValue>) => `${item['pk']?.S}\u0000${item['sk']?.S}`;

/**
 * Puts the table back as it was at `snapshot`: items written since are deleted, and every item of
 * the snapshot is put back whole (its indexes follow). Faster than a new table per run.
 */
export async function restoreTable(client: DynamoDBClient, tableName: string, snapshot: TableSnapshot): Promise<void> {
  const kept = new Set(snapshot.map(keyOf));
  const requests: WriteRequest[] = [];
  for (const item of await scanAll(client, tableName)) {
    if (!kept.has(keyOf(item))) {
      requests.push({ DeleteRequest: { Key: { pk: item['pk'] as AttributeValue, sk: item['sk'] as AttributeValue } } });
    }
  }
  for (const item of snapshot) requests.push({ PutRequest: { Item: item } });
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(start, start + 25);
    for (let attempt = 1; pending !== undefined && pending.length > 0; attempt += 1) {
      if (attempt > 10) throw new Error('restoreTable: DynamoDB Local kept items unprocessed');
      const written: BatchWriteItemCommandOutput = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = written.UnprocessedItems?.[tableName];
    }
  }
}

/** Where a run is cut off at its step: the process dies just before the call, or just after it. */
export type Fault = Omit<CrashPoint, 'step'>;
export const crashes: readonly Fault[] = [{ timing: 'before' }, { timing: 'after' }];
/**
 * The crashes, and the same calls failing once in a process that lives on (a timeout before the
 * write, a reply lost after it), so the job's own handling of the error runs before the run again.
 * Only for the jobs that go on after an item fails: a batch worker's message fails whatever the
 * error, so a fault there is a crash.
 */
export const crashesAndFaults: readonly Fault[] = [
  ...crashes,
  { timing: 'before', survives: true },
  { timing: 'after', survives: true },
];

/** How a failure names its step: `crash after step 3 (store.commitPayout)`. */
export function labelOf(fault: Fault, step: number, name: string | undefined): string {
  return `${fault.survives === true ? 'fault' : 'crash'} ${fault.timing} step ${step} (${name})`;
}

/** Runs `check`, naming the crash in its failure, so a failing boundary says which one it was. */
export async function describedAs(label: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof Error) error.message = `${label}: ${error.message}`;
    throw error;
  }
}
