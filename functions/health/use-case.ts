import type { Reply } from '../../shared/application/reply.ts';

/**
 * The liveness answer. Public routes have no caller, so their use cases take no principal; like
 * every use case, this one decides the answer and its handler only wires it up.
 */
export async function health(): Promise<Reply> {
  return { statusCode: 200, body: { status: 'ok' } };
}
