import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/role.ts';
import { containsBsn } from '../identity/bsn.ts';
import { limits } from '../ledger/limits.ts';
import { HttpProblem } from './problem.ts';

/** Printable ASCII, 1–128 characters: the Idempotency-Key header of the README ("API", "Conventions"). */
const idempotencyKeyPattern = /^[\x20-\x7e]{1,128}$/;

/** Header names are case-insensitive; API Gateway passes them as the client sent them. */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** The caller as the authorizer established it, checked against the route's roles. */
export function principalOf(event: APIGatewayProxyEvent, roles: readonly Role[]): Principal {
  const context = (event.requestContext?.authorizer ?? {}) as Record<string, unknown>;
  const role = context['role'];
  const principal = toPrincipal(role, context);
  if (principal === undefined) {
    throw new HttpProblem('unauthorized', 'A valid bearer token is required.', { cause: 'no authorizer context' });
  }
  if (!roles.includes(principal.role)) {
    throw new HttpProblem('forbidden', 'Your role may not use this endpoint.');
  }
  return principal;
}

function toPrincipal(role: unknown, context: Record<string, unknown>): Principal | undefined {
  const text = (name: string) =>
    typeof context[name] === 'string' && context[name] !== '' ? (context[name] as string) : undefined;
  if (role === 'citizen') {
    const personId = text('personId');
    return personId === undefined ? undefined : { role, personId };
  }
  if (role === 'employer' || role === 'funder' || role === 'provider' || role === 'auditor') {
    const clientId = text('clientId');
    const orgId = text('orgId');
    const orgName = text('orgName');
    const funderType = text('funderType');
    const userId = text('userId');
    if (clientId === undefined || orgId === undefined || orgName === undefined) return undefined;
    return {
      role,
      clientId,
      orgId,
      orgName,
      ...((funderType === 'public' || funderType === 'sector' || funderType === 'employer') && { funderType }),
      ...(userId !== undefined && { userId }),
    };
  }
  return undefined;
}

/** Reads the JSON body: size first, then media type, then syntax. Undefined for an empty body. */
export function jsonBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > limits.requestBodyBytesMax) {
    throw new HttpProblem('payload_too_large', `The body may be at most ${limits.requestBodyBytesMax} bytes.`);
  }
  const contentType = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpProblem('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpProblem('invalid_json', 'The body could not be read as JSON.', { cause: error });
  }
}

/** A body as sent: its media type (lower case, without parameters) and its text. */
export interface RawBody {
  readonly contentType: string | undefined;
  readonly text: string;
}

/**
 * The body as sent, for routes that parse it themselves. Larger than `bytesMax`: 413
 * `batch_too_large`, since only bulk uploads read bodies this way.
 */
export function rawBodyOf(event: APIGatewayProxyEvent, bytesMax: number): RawBody {
  const body = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(text, 'utf8') > bytesMax) {
    throw new HttpProblem('batch_too_large', `The body may be at most ${bytesMax} bytes. Split the batch in two.`);
  }
  return { contentType: header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase(), text };
}

/** Validates one part of the request, answering 400 with every problem listed by path. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  part: 'body' | 'query' | 'path',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 50).map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = errors[0];
  throw new HttpProblem(
    'validation_failed',
    first === undefined ? `The ${part} is not valid.` : `${first.path}: ${first.message}`,
    { errors },
  );
}

/** The Idempotency-Key header, required on every route that moves money. */
export function idempotencyKeyOf(event: APIGatewayProxyEvent): string {
  const value = header(event, 'idempotency-key');
  if (value === undefined || !idempotencyKeyPattern.test(value)) {
    throw new HttpProblem(
      'idempotency_key_missing',
      'This request moves money: ' +
        `send an Idempotency-Key header of 1 to ${limits.idempotencyKeyLengthMax} printable ASCII characters, ` +
        'the same on every retry.',
    );
  }
  // The key is stored in a table key and in the audit trail; "one deposit per person" keys built
  // from the BSN would put it there.
  if (containsBsn(value)) {
    throw new HttpProblem(
      'idempotency_key_missing',
      'Leave the BSN out of the Idempotency-Key: the key is stored, and a BSN never is.',
    );
  }
  return value;
}
