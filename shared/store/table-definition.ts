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
 * | employment (person)  | `PERSON#<personId>`             | `EMPLOYER#<employerId>`             |
 * | movement record      | `IDEMPOTENCY#<scope>#<key>`     | `IDEMPOTENCY`                       |
 * | job movement record  | `MOVEMENT#<person>#<at>#<id>`   | `MOVEMENT`                          |
 * | audit entry (alone)  | `AUDITENTRY#<auditId>`          | `AUDITENTRY`                        |
 * | provider             | `PROVIDER#<providerId>`         | `PROVIDER`                          |
 * | provider payable     | `PROVIDER#<providerId>`         | `PAYABLE#<shard>`                   |
 * | course               | `PROVIDER#<providerId>`         | `COURSE#<courseId>`                 |
 * | claim                | `CLAIM#<claimId>`               | `CLAIM`                             |
 * | payout               | `PROVIDER#<providerId>`         | `PAYOUT#<createdAt>#<payoutId>`     |
 * | payout file record   | `PAYOUTFILE#<fileId>`           | `PAYOUTFILE`                        |
 * | claim counter        | `PROVIDER#<providerId>`         | `CLAIMCOUNT#<courseId>#<yyyy>`      |
 * | person profile       | `PERSON#<personId>`             | `PROFILE`                           |
 * | course use           | `PERSON#<personId>`             | `COURSEUSE#<providerId>#<courseId>` |
 * | usage aggregate      | `USAGE#<funderId>#<schemeId>`   | `DAY#<yyyy-mm-dd>`                  |
 * | usage progress       | `USAGEPROGRESS`                 | `SHARD#<streamShardId>`             |
 * | deposit batch        | `BATCH#<batchId>`               | `BATCH`                             |
 * | batch chunk (rows)   | `BATCH#<batchId>`               | `CHUNK#<index>`                     |
 * | batch chunk result   | `BATCH#<batchId>`               | `RESULT#<index>`                    |
 *
 * A movement record is a movement's idempotency record, audit entry and transfers in one item
 * (`dynamo/movement-record.ts`): keyed by the idempotency key, or for a job's movement by its
 * first transfer; an audit entry that records no money (a refusal, a registration, a payout) is
 * one on its own.
 *
 * Secondary indexes, each for a documented query. gsi1 and gsi2 project every attribute; gsi3
 * projects what a job reads of a claim, payout or file, and of a pot only its keys (the job reads
 * the pot itself); gsi4 and gsi5 project only a movement record's `body`, which is never
 * rewritten. A listing is one Query with no second read (the expiry job reads each listed pot
 * itself), and no index entry is rewritten when a pot's balance changes:
 *
 * | index | partition                  | sort                         | answers                                |
 * | ----- | -------------------------- | ---------------------------- | -------------------------------------- |
 * | gsi1  | `CATALOG` (courses)        | title                        | course search                          |
 * | gsi1  | `PROVIDER#<id>#CLAIMS`     | created-at                   | a provider's claims                    |
 * | gsi1  | `FUNDER#<id>#BATCHES`      | `BATCH#<createdAt>#<id>`     | an organisation's deposit batches      |
 * | gsi2  | `PERSON#<personId>#CLAIMS` | created-at                   | the claims addressed to a citizen      |
 * | gsi3  | `DUE#<status>`             | the deadline of that status  | the scheduled jobs' work lists         |
 * | gsi3  | `DUE#pot#<shard>`          | `<expiresAt>#<person>#<pot>` | expire-pots: pots past their date      |
 * | gsi3  | `DUE#payout`               | `PAYOUT#<createdAt>#<id>`    | payouts: what the next SEPA file holds |
 * | gsi3  | `DUE#payout-file`          | `<createdAt>#<fileId>`       | payouts: files to write after a crash  |
 * | gsi3  | `DUE#batch`                | `<createdAt>#<batchId>`      | deposit batches still processing       |
 * | gsi4  | `AUDIT#<yyyy-mm-dd>#<shard>` | `AUDIT#<at>#<auditId>`     | the audit trail, by day                |
 * | gsi5  | `PERSON#<personId>`        | `TX#<at>#<firstTransferId>`  | a person's history, newest first       |
 *
 * The `DUE#…` partitions are sparse: only open claims, pots with money to expire, payouts not in a
 * file yet and payout file records whose file is not written yet are in them.
 *
 * A claim's own key carries no person id, so a provider who knows a claim id learns nothing
 * about who it is for.
 *
 * The claim counter is updated in each claim's creation transaction with the condition
 * `count < max`, which is what holds a provider to its yearly cap per course under concurrency.
 * The course use item counts what a person's pots hold and spent for one course (`total`, and one
 * `scheme:<funderId>#<schemeId>` count per scheme). Each approval adds to it in its transaction
 * with the conditions `total <= price - added` and `count <= maximum - added`, which is what holds
 * a scheme's maximum per course and the price per person and course under concurrency; releases
 * take off what they give back. A missing item or count is zero.
 * The person profile (`firstSeenAt` only) is written once, conditionally, when a citizen first
 * looks at their account or claims; a claim for a person without one is flagged.
 *
 * Audit entries are written in the transaction of the change they record (a refusal, which
 * changes nothing, on its own). Their gsi4 partition is the UTC day and one of
 * `limits.auditShards` shards chosen from the entry's random id: a day's writes (a yearly grant to
 * a million people is a million entries) spread evenly over the shards instead of all landing, in
 * time order, on one index partition. The auditor's listing is oldest first: for each day of the
 * period it queries that day's shards in parallel, each from the cursor on and for at most what
 * the page still needs, and merges them by sort key, so a page costs one parallel round of
 * `auditShards` Queries per day read and no Scan. The sort key starts with the timestamp, so the
 * last entry's sort key is a cursor that also names its day. No audit key holds a BSN.
 *
 * The usage aggregates (a scheme's flows on one Dutch calendar day, and its persons as short
 * hashes or a sketch) and the aggregator's progress per stream shard are written only by the usage
 * aggregator, from the table's change stream (`stream` below: new images, of which it reads the
 * inserts of movement records); nothing on the money path reads or writes them.
 *
 * Deploying gsi4 and gsi5 onto a table that has neither: CloudFormation adds one index per
 * update, so deploy with one of them first, then with both.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projectedAttributes: 'all' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projectedAttributes: 'all' },
    // The jobs' work lists: a claim, payout or file as the job reads it; a pot by its key alone, so a
    // change of its balance writes no index entry.
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projectedAttributes: ['claim', 'payout', 'file'] },
    // The movement records' listings project only the body, which is never rewritten.
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projectedAttributes: ['body'] },
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projectedAttributes: ['body'] },
  ],
  /** The change stream the usage aggregates are built from: each changed item's new image. */
  stream: 'NEW_IMAGE',
} as const;

/** The table name used when none is configured (local runs and tests). */
export const defaultTableName = 'leerrekening';
