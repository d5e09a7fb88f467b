import { createHash } from 'node:crypto';

/**
 * A stable hash of what a request asks for, to tell a retry (same hash) from a reused key (other
 * hash). The caller passes the validated input with the BSN already replaced by the person id: a
 * plain hash of a BSN could be reversed by hashing all one billion candidates.
 */
export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(stableStringify(input)).digest('base64url');
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, inner]) => `${JSON.stringify(name)}:${stableStringify(inner)}`).join(',')}}`;
}
