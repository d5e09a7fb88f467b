import { createHash } from 'node:crypto';

/**
 * The short hash a usage aggregate keeps of a person: the first 64 bits of SHA-256 of the person
 * id, as 16 hexadecimal digits. The person id is already a keyed HMAC of the BSN, so this is a
 * pseudonym of a pseudonym: it lets a day's persons be counted, not found. 64 bits make a
 * collision between two persons negligible (about one in 10^8 among 10^6 persons of one scheme).
 */
export function personHash(personId: string): string {
  return createHash('sha256').update(personId, 'utf8').digest('hex').slice(0, 16);
}
