/**
 * Deterministic fault injection on the DynamoDB client: the failures real DynamoDB produces and
 * DynamoDB Local never does, so that the paths that handle them are tested through the real code
 * and the real database. Used by the tests, the fuzzer (`npm run fuzz`) and, switched on with
 * `FAULTS=…`, by `npm start`. Never by a deployed function: only local clients carry it.
 *
 * The layer is SDK middleware in the `finalizeRequest` step below the SDK's own retry middleware,
 * so the SDK retries an injected throttle or timeout exactly as it would a real one; what our code
 * sees is what is left after those retries.
 */
import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import type {
  AbsoluteLocation,
  FinalizeHandlerArguments,
  FinalizeRequestHandlerOptions,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';

/** The kinds of fault, as named in a `FAULTS` spec. */
export const faultKinds = ['conflict', 'throttle', 'timeout', 'lost-reply', 'crash'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** How often each kind of fault strikes a request it applies to: a probability from 0 to 1. */
export type FaultRates = Readonly<Partial<Record<FaultKind, number>>>;

/**
 * What each kind does:
 * - `conflict`: another transaction holds an item (`TransactionCanceledException` with a
 *   `TransactionConflict` reason, or `TransactionConflictException` for a single-item write);
 * - `throttle`: `ProvisionedThroughputExceededException` or `ThrottlingException`;
 * - `timeout`: the request times out before it is sent;
 * - `lost-reply`: the write is done but its answer never arrives (a timeout after the send);
 * - `crash`: the function dies at this call, before or after the write, as a Lambda killed between
 *   two lines: an error nobody retries, so the caller sees a 5xx and retries with the same key.
 */
const writeCommands = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/** Commands a conflict can strike: single-item writes and transactions, as in DynamoDB. */
const conflictCommands = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'TransactGetItemsCommand',
]);

/**
 * Reads a spec such as `conflict:0.1,throttle:0.05,lost-reply:0.02`. Kinds may come in any order;
 * each at most once.
 *
 * @throws An error that names what is wrong (an unknown kind, a rate outside 0 to 1), so a typo in
 *   `FAULTS` stops `npm start` instead of silently injecting nothing.
 */
export function parseFaultRates(spec: string): FaultRates {
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const part of spec.split(',').map((piece) => piece.trim())) {
    if (part === '') continue;
    const [name, value, ...rest] = part.split(':');
    const kind = faultKinds.find((candidate) => candidate === name?.trim());
    if (kind === undefined) {
      throw new Error(`FAULTS: unknown fault "${name}"; use ${faultKinds.join(', ')} (for example conflict:0.1)`);
    }
    const rate = Number(value);
    if (rest.length > 0 || value === undefined || value.trim() === '' || !(rate >= 0 && rate <= 1)) {
      throw new Error(`FAULTS: the rate of ${kind} must be a number from 0 to 1, got "${value ?? ''}"`);
    }
    if (kind in rates) throw new Error(`FAULTS: ${kind} is named twice`);
    rates[kind] = rate;
  }
  return rates;
}

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same faults in the
 * same order, so a failing run replays exactly. Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What a fault injector decided for one request. */
interface Decision {
  readonly kind: FaultKind;
  /** For a conflict on a transaction: which of its items conflicted. */
  readonly pick: number;
}

/**
 * Decides, request by request, whether a fault strikes and which; counts what it injected. One
 * random draw per request and kind, in a fixed order, so the decisions follow from the seed and
 * the sequence of requests alone.
 */
export class FaultInjector {
  private readonly random: () => number;
  private readonly injected = new Map<FaultKind, number>();
  private requests = 0;

  constructor(
    readonly rates: FaultRates,
    readonly seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** The fault for a request of this command, if one strikes. */
  decide(commandName: string): Decision | undefined {
    this.requests += 1;
    const draws = faultKinds.map(() => this.random());
    const pick = this.random();
    for (const [index, kind] of faultKinds.entries()) {
      if (!appliesTo(kind, commandName)) continue;
      if ((draws[index] ?? 1) < (this.rates[kind] ?? 0)) {
        this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
        return { kind, pick };
      }
    }
    return undefined;
  }

  /** How many faults of each kind were injected so far, and over how many requests. */
  counts(): { readonly requests: number; readonly injected: Readonly<Record<FaultKind, number>> } {
    const injected = Object.fromEntries(faultKinds.map((kind) => [kind, this.injected.get(kind) ?? 0]));
    return { requests: this.requests, injected: injected as Record<FaultKind, number> };
  }
}

function appliesTo(kind: FaultKind, commandName: string): boolean {
  switch (kind) {
    case 'conflict':
      return conflictCommands.has(commandName);
    case 'lost-reply':
    case 'crash':
      // What matters is whether a write happened; a read is simply asked again.
      return writeCommands.has(commandName);
    default:
      return true;
  }
}

/** The injector every local client consults, if any: set by the tests, the fuzzer or `FAULTS`. */
let active: FaultInjector | undefined;

/** Switches fault injection on for every local DynamoDB client (or off, with undefined). */
export function injectFaults(injector: FaultInjector | undefined): void {
  active = injector;
}

/** The injector in use, for a report of what it injected. */
export function activeFaultInjector(): FaultInjector | undefined {
  return active;
}

const metadata = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };

/** A transaction cancelled because another one was writing one of its items. */
function conflictOf(commandName: string, input: unknown, pick: number): Error {
  const message = 'Transaction cancelled, please refer cancellation reasons for specific reasons [injected]';
  if (commandName === 'TransactWriteItemsCommand' || commandName === 'TransactGetItemsCommand') {
    const items = (input as { TransactItems?: unknown[] }).TransactItems ?? [];
    const conflicted = Math.floor(pick * Math.max(1, items.length));
    return new TransactionCanceledException({
      message,
      $metadata: metadata,
      CancellationReasons: items.map((_item, index) =>
        index === conflicted
          ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item [injected]' }
          : { Code: 'None' },
      ),
    });
  }
  return new TransactionConflictException({
    message: 'Operation was rejected because there is an ongoing transaction for the item [injected]',
    $metadata: metadata,
  });
}

function throttleOf(pick: number): Error {
  const options = { $metadata: metadata, message: 'Rate of requests exceeds the allowed throughput [injected]' };
  return pick < 0.5 ? new ProvisionedThroughputExceededException(options) : new ThrottlingException(options);
}

/** What Node's HTTP handler throws when a request times out: a `TimeoutError` the SDK retries. */
function timeoutOf(when: 'before sending' | 'after the write'): Error {
  const error = new Error(`Request timed out ${when} [injected]`);
  error.name = 'TimeoutError';
  return error;
}

/** The error of a function that died at this call; named so the logs and the fuzzer tell it from a real bug. */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/** The middleware's place: inside the SDK's retry loop, so its retries meet injected faults as real ones. */
const placement: FinalizeRequestHandlerOptions & AbsoluteLocation = {
  step: 'finalizeRequest',
  priority: 'low',
  name: 'faultInjection',
};

/**
 * The middleware as a plugin for a DynamoDB client. It consults the active injector on each
 * attempt; with none active it only passes the request on.
 */
export const faultInjectionPlugin: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.add(
      (next, context) => async (args: FinalizeHandlerArguments<object>) => {
        const injector = active;
        const commandName = context.commandName ?? '';
        const decision = injector?.decide(commandName);
        if (decision === undefined) return next(args);
        switch (decision.kind) {
          case 'conflict':
            throw conflictOf(commandName, args.input, decision.pick);
          case 'throttle':
            throw throttleOf(decision.pick);
          case 'timeout':
            throw timeoutOf('before sending');
          case 'lost-reply':
            // The ambiguous case: DynamoDB did the write; only its answer never arrives.
            await next(args);
            throw timeoutOf('after the write');
          case 'crash':
            if (decision.pick < 0.5) throw new InjectedCrash('crash: the function died before the write [injected]');
            await next(args);
            throw new InjectedCrash('crash: the function died after the write [injected]');
        }
      },
      placement,
    );
  },
};
