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

/**
 * A keyed digest of any text that may hold a BSN, valid or not (a row of a batch that failed the
 * elfproef, say), so it can be compared without being kept: the same key as person ids.
 */
export function keyedDigest(text: string, secret: string): string {
  if (secret.length < 16) throw new Error('keyedDigest: the pseudonymisation secret is too short');
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64url');
}
