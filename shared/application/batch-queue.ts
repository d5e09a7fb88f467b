/**
 * The work a deposit batch puts on its queue: start the batch (reserve its money, then queue its
 * chunks), or pay one chunk of its rows. Delivery is at least once, so every message can be
 * handled twice, or after a later one, and change nothing the second time.
 */
export type BatchMessage =
  | { readonly kind: 'start'; readonly batchId: string }
  | { readonly kind: 'chunk'; readonly batchId: string; readonly chunk: number };

/** The queue the batch work goes through: SQS in AWS, an in-process stand-in with SQS's semantics locally. */
export interface BatchQueue {
  send(messages: readonly BatchMessage[]): Promise<void>;
}

/** The message a queue body holds, or undefined when it is not one of ours. */
export function parseBatchMessage(body: string): BatchMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, batchId, chunk } = value as Record<string, unknown>;
  if (typeof batchId !== 'string' || !/^bat_[A-Za-z0-9_-]{1,64}$/.test(batchId)) return undefined;
  if (kind === 'start') return { kind, batchId };
  if (kind === 'chunk' && Number.isSafeInteger(chunk) && (chunk as number) >= 0) {
    return { kind, batchId, chunk: chunk as number };
  }
  return undefined;
}
