import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { isTransientFailure } from '../../../shared/store/transient-failure.ts';
import { cancelled } from './fake-dynamo.ts';

/**
 * Which database errors are answered 503 with `Retry-After` rather than 500: the SDK's own retry
 * classification (throttles, timeouts, lost connections, server errors) plus DynamoDB's conflicts.
 * The fault injection test (test/integration) shows the same for errors the real client throws;
 * these pin each rule without a table, so a narrower import of the classification cannot drift.
 */

/** An error as the SDK or Node hands it over: a name, and perhaps a code, metadata or a cause. */
function failure(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name }, extra);
}

describe('isTransientFailure', () => {
  it('is false for anything that is not an Error, whatever it is called', () => {
    expect(isTransientFailure(undefined)).toBe(false);
    expect(isTransientFailure('ThrottlingException')).toBe(false);
    expect(isTransientFailure({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } })).toBe(false);
  });

  it('is true for throttles, by name or by status 429', () => {
    const throttle = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    expect(isTransientFailure(throttle)).toBe(true);
    expect(isTransientFailure(failure('ThrottlingException'))).toBe(true);
    expect(isTransientFailure(failure('SomethingElse', { $metadata: { httpStatusCode: 429 } }))).toBe(true);
  });

  it('is true for timeouts and lost or refused connections, also as the cause of another error', () => {
    expect(isTransientFailure(failure('TimeoutError'))).toBe(true);
    expect(isTransientFailure(failure('Error', { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransientFailure(failure('Error', { code: 'EAI_AGAIN' }))).toBe(true);
    expect(isTransientFailure(failure('Error', { cause: failure('Error', { code: 'ETIMEDOUT' }) }))).toBe(true);
  });

  it('is true for server errors, whether the SDK counts them transient (500, 503) or not (501)', () => {
    const internal = new InternalServerError({ message: 'oops', $metadata: { httpStatusCode: 500 } });
    expect(isTransientFailure(internal)).toBe(true);
    expect(isTransientFailure(failure('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isTransientFailure(failure('NotImplemented', { $metadata: { httpStatusCode: 501 } }))).toBe(true);
  });

  it('is true for an error the SDK marked retryable', () => {
    expect(isTransientFailure(failure('SomethingElse', { $retryable: {} }))).toBe(true);
  });

  it('is true for a conflict with another transaction on a single-item write', () => {
    const conflict = new TransactionConflictException({ message: 'conflict', $metadata: {} });
    expect(isTransientFailure(conflict)).toBe(true);
  });

  it('is true for a cancelled transaction whose only reasons are conflicts and throttles', () => {
    expect(isTransientFailure(cancelled([{ Code: 'None' }, { Code: 'TransactionConflict' }]))).toBe(true);
    expect(
      isTransientFailure(cancelled([{ Code: 'ThrottlingError' }, { Code: 'ProvisionedThroughputExceeded' }])),
    ).toBe(true);
  });

  it('is false for a cancelled transaction with a failed condition or without a failed reason', () => {
    expect(isTransientFailure(cancelled([{ Code: 'TransactionConflict' }, { Code: 'ConditionalCheckFailed' }]))).toBe(
      false,
    );
    expect(isTransientFailure(cancelled([{ Code: 'None' }, {}]))).toBe(false);
    expect(isTransientFailure(cancelled([]))).toBe(false);
  });

  it('is false for errors about the request, a denied access, and an aborted call', () => {
    const condition = new ConditionalCheckFailedException({ message: 'no', $metadata: { httpStatusCode: 400 } });
    expect(isTransientFailure(condition)).toBe(false);
    expect(isTransientFailure(failure('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isTransientFailure(failure('AccessDeniedException', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isTransientFailure(failure('AbortError'))).toBe(false);
    expect(isTransientFailure(new Error('a bug'))).toBe(false);
  });
});
