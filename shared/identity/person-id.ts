import { createHmac } from 'node:crypto';
import { isValidBsn } from './bsn.ts';

/**
 * Turns a valid BSN into the pseudonymous person id used everywhere in storage and logs.
 * HMAC-SHA-256 with a secret key: without the key, the id cannot be linked back to the BSN by
 * hashing all one billion candidate numbers. The caller must have checked the BSN with
 * {@link isValidBsn}; an invalid one here is a programming error.
 */
export function personIdFromBsn(bsn: string, secret: string): string {
  if (!isValidBsn(bsn)) throw new Error('personIdFromBsn: the BSN was not validated before pseudonymisation');
  if (secret.length < 16) throw new Error('personIdFromBsn: the pseudonymisation secret is too short');
  return createHmac('sha256', secret).update(bsn, 'utf8').digest('base64url');
}
