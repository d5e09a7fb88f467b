import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { BatchMessage, BatchQueue } from '../../shared/application/batch-queue.ts';

/** What the queue hands its messages to: an SQS event source's Lambda handler. */
export type QueueConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

export interface LocalQueueOptions {
  readonly consumer: QueueConsumer;
  /** How long a received message stays invisible before it is delivered again, unless deleted. */
  readonly visibilityTimeoutMs: number;
  /** Messages handled at once (Lambda's concurrency on the event source). */
  readonly concurrency: number;
  /** Deliveries before a message goes to the dead-letter list (the queue's `maxReceiveCount`). */
  readonly maxReceiveCount: number;
  /** Hears a message given up on; the local runtime logs it. */
  readonly onDeadLetter?: (message: BatchMessage, receiveCount: number) => void;
}

interface Stored {
  readonly messageId: string;
  readonly body: string;
  visibleAt: number;
  receiveCount: number;
  /** Set while a delivery is in flight; a delivery ends by deleting the message or letting it reappear. */
  receipt?: string;
}

/**
 * An in-process stand-in for an SQS standard queue with a Lambda event source, with the semantics
 * the batch worker must survive: at-least-once delivery (a message the consumer did not finish, or
 * reported as failed in `batchItemFailures`, comes back after the visibility timeout), redelivery
 * after a crash, several messages in flight at once, and a dead-letter list after
 * `maxReceiveCount` deliveries. Only the local runtime and the tests use it; AWS uses SQS.
 */
export class LocalQueue implements BatchQueue {
  private readonly messages = new Map<string, Stored>();
  private readonly deadLetters: BatchMessage[] = [];
  private inFlight = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: LocalQueueOptions) {}

  async send(messages: readonly BatchMessage[]): Promise<void> {
    const now = Date.now();
    for (const message of messages) {
      const messageId = randomUUID();
      this.messages.set(messageId, { messageId, body: JSON.stringify(message), visibleAt: now, receiveCount: 0 });
    }
    this.pump();
  }

  /** Messages given up on after `maxReceiveCount` deliveries. */
  get deadLettered(): readonly BatchMessage[] {
    return this.deadLetters;
  }

  /** Messages not yet deleted, in flight or waiting. */
  get depth(): number {
    return this.messages.size;
  }

  /** Resolves once no message is waiting or in flight (for tests and a clean stop). */
  idle(): Promise<void> {
    if (this.messages.size === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops delivering; messages in flight finish, waiting ones are dropped with the process. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const stored of this.messages.values()) {
      if (this.inFlight >= this.options.concurrency) break;
      // A message in flight past its visibility timeout is handed out again, as SQS does, unless
      // that was its last delivery: then it is set aside, as SQS's redrive policy does.
      if (stored.visibleAt > now) continue;
      if (stored.receiveCount >= this.options.maxReceiveCount) {
        this.deadLetter(stored);
        continue;
      }
      this.deliver(stored, now);
    }
    this.schedule();
    this.notifyIdle();
  }

  /** Wakes up when the next invisible message becomes visible again. */
  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.messages.size === 0 || this.stopped) return;
    const next = Math.min(...[...this.messages.values()].map((stored) => stored.visibleAt));
    this.timer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  private deliver(stored: Stored, now: number): void {
    const receipt = randomUUID();
    stored.receipt = receipt;
    stored.receiveCount += 1;
    stored.visibleAt = now + this.options.visibilityTimeoutMs;
    this.inFlight += 1;
    const record = sqsRecord(stored);
    this.options
      .consumer({ Records: [record] })
      .then(
        (response) =>
          response?.batchItemFailures.some((failure) => failure.itemIdentifier === stored.messageId) ?? false,
        () => true,
      )
      .then((failed) => {
        this.inFlight -= 1;
        if (!failed) {
          // Done, even by a delivery that outlived its visibility timeout: SQS deletes by an older receipt too.
          this.messages.delete(stored.messageId);
        } else if (stored.receipt === receipt) {
          // (When a newer delivery is in flight, its answer decides.)
          this.failed(stored);
        }
        this.pump();
      });
  }

  /** A delivery failed: the message waits out its visibility timeout, or is set aside after its last one. */
  private failed(stored: Stored): void {
    stored.receipt = undefined;
    if (stored.receiveCount >= this.options.maxReceiveCount) this.deadLetter(stored);
  }

  private deadLetter(stored: Stored): void {
    this.messages.delete(stored.messageId);
    const message = JSON.parse(stored.body) as BatchMessage;
    this.deadLetters.push(message);
    this.options.onDeadLetter?.(message, stored.receiveCount);
  }

  private notifyIdle(): void {
    if (this.messages.size > 0 || this.inFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function sqsRecord(stored: Stored): SQSRecord {
  return {
    messageId: stored.messageId,
    receiptHandle: stored.receipt ?? '',
    body: stored.body,
    attributes: {
      ApproximateReceiveCount: String(stored.receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:deposit-batches',
    awsRegion: 'eu-west-1',
  };
}
