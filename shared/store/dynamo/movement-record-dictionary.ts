/**
 * The preset dictionaries of the movement record's body (`movement-record.ts`), by format
 * version. A body is one version byte and then raw DEFLATE of the record's JSON with that
 * version's dictionary: the dictionary holds the field names, fixed values and phrases that every
 * record repeats, so only the ids, amounts and instants are left to compress. On the benchmark's
 * records this takes a third off what Brotli alone leaves (an approval's body: 696 bytes with
 * Brotli, 460 with the dictionary), which keeps the whole item within the 1 KB of one write unit.
 *
 * **A version's dictionary never changes**: records written with it must stay readable. To change
 * it, add a version, write with the new one and keep reading the old. Nothing personal belongs
 * here: it is shipped in every bundle.
 *
 * DEFLATE reaches back 32 KB, and nearer strings cost fewer bits, so the most frequent strings
 * come last.
 */
const version1 = [
  // Rarer: payouts, registrations, refusals, the jobs.
  '"actor":{"role":"system","job":"expire-pots"},"release-expired-reservations","expire-stale-claims","payouts"',
  '"action":"payout","provider_register","reservation_release","pot_expire","claim_expire","claim_reject"',
  '"claim_cancel","end_employment","outcome":"refused","code":"insufficient_funds","changes":{"from":"to":',
  '"payoutId":"","claimIds":["status":"active","flags":["person_never_logged_in"],"returned":',
  '"type":"release","expiry","revocation","refund","went back to  because your employment ended',
  ' expired and went back to ","description":"Released for  by ',
  // Claims: the reply of creating, approving or capturing one.
  '"claimId":"clm_","status":"awaiting_approval","approved","captured","provider":{"providerId":"","name":""}',
  ',"course":{"courseId":"","title":"","category":""},"amount":,"startDate":"","createdAt":"","updatedAt":"',
  '","approveBefore":"","captureBefore":"T23:59:59.999Z","parts":[{"schemeId":"","funderId":"","amount":}]',
  ',"ownContribution":0,"captured":,"evidence":',
  // Deposits: the reply.
  '{"depositId":"dep_","schemeId":"","amount":,"at":"',
  // Every record: the key's record, the audit entry, the transfers.
  '{"idempotency":{"requestHash":"","response":{"statusCode":201,"body":',
  '},"createdAt":"","audit":{"auditId":"aud_","at":"","actor":{"role":"funder","employer","provider",',
  '"clientId":"","orgId":""},{"role":"citizen","personId":""},"action":"deposit","claim_create",',
  '"claim_approve","claim_capture","subject":{"claimId":"clm_","personId":"","providerId":"","courseId":"',
  '","funderId":"","schemeId":"","potId":"","idempotencyKey":"","transferIds":["res_clm_","cap_clm_",',
  '"rel_clm_","dep_"]},"amountCents":,"outcome":"succeeded"},"transfers":[{"transferId":"res_clm_","cap_clm_"',
  ',"type":"reservation","capture","deposit","at":"","amountCents":,"debitAccount":"funder:',
  '","creditAccount":"pot:","provider:","personId":"","potId":"","schemeId":"","funderId":"',
  '","availableEffectCents":-,"description":" held for  by "," deposited €  for ","claimId":"clm_"}]}',
].join('');

/** Dictionaries by format version; the version is the body's first byte. */
export const movementRecordDictionaries: ReadonlyMap<number, Buffer> = new Map([[1, Buffer.from(version1, 'utf8')]]);

/** The version new records are written with. */
export const movementRecordFormat = 1;
