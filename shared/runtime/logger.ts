import { Logger } from '@aws-lambda-powertools/logger';
import { bsnMask, containsBsn, isValidBsn, maskBsns } from '../identity/bsn.ts';

/** Keys whose value is personal data whatever it looks like. */
const personalKeyPattern = /bsn/i;

/** Smallest and largest nine-digit number, the only numbers that can be a BSN. */
const nineDigitsMin = 100_000_000;
const nineDigitsMax = 999_999_999;

/**
 * The logger's JSON replacer: redacts personal data in every log line, whoever wrote the line.
 * Handlers log ids and codes, never bodies, but a line can still quote what a caller sent (a JSON
 * parser error quotes the body it choked on, a validation message names a key). So any value
 * under a key that names a BSN is replaced, any nine-digit number passing the elfproef is
 * masked wherever it stands (string, number or object key), and errors are masked after
 * Powertools turns them into objects, because the replacer then sees their message and stack.
 */
export function redactPersonalData(key: string, value: unknown): unknown {
  if (personalKeyPattern.test(key) && value !== undefined && value !== null) return '[redacted]';
  if (typeof value === 'string') return maskBsns(value);
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= nineDigitsMin && value <= nineDigitsMax && isValidBsn(String(value))
      ? bsnMask
      : value;
  if (isPlainObject(value) && Object.keys(value).some((name) => containsBsn(name))) {
    return Object.fromEntries(Object.entries(value).map(([name, entry]) => [maskBsns(name), entry]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A structured JSON logger (Powertools) with {@link redactPersonalData} configured, so personal
 * data is redacted by the logger and not by hand at each call. Every logger of the project comes
 * from here.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, jsonReplacerFn: redactPersonalData });
}

/**
 * The one structured logger of the API handlers. The shared handler chain appends the request's
 * correlation id (`requestId`) and route to every line.
 */
export const logger = createLogger(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'leerrekening');
