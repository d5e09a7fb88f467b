/**
 * The one DynamoDB table. Used by the local runtime to create the table and by the CDK stack
 * to deploy it, so both always agree on keys and indexes.
 *
 * Key layout (all keys are prefixed strings, and none contains a BSN):
 *
 * | item                 | pk                              | sk                                  |
 * | -------------------- | ------------------------------- | ----------------------------------- |
 * | business client      | `CLIENT#<clientId>`             | `CLIENT`                            |
 * | scheme               | `FUNDER#<funderId>`             | `SCHEME#<schemeId>`                 |
 * | scheme total shard   | `FUNDER#<funderId>`             | `TOTAL#<schemeId>#<shard>`          |
 * | employment           | `EMPLOYER#<employerId>`         | `EMPLOYEE#<personId>`               |
 * | pot                  | `PERSON#<personId>`             | `POT#<funderId>#<schemeId>#<expiry>`|
 * | transfer             | `PERSON#<personId>`             | `TX#<at>#<transferId>`              |
 * | employment (person)  | `PERSON#<personId>`             | `EMPLOYER#<employerId>`             |
 * | idempotency record   | `IDEMPOTENCY#<clientId>#<key>`  | `IDEMPOTENCY`                       |
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

/** The table name used when none is configured (local runs and tests). */
export const defaultTableName = 'leerrekening';
