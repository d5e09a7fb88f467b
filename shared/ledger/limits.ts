/**
 * Every limit in one place, named with the unit last. Each is enforced at the edge (zod schemas,
 * body parser) or in the domain, and each has a test.
 */
export const limits = {
  /** Largest single deposit: €100,000. Larger movements are grants split over persons. */
  depositAmountCentsMax: 10_000_000,
  /** Largest scheme budget: €100 billion, far below Number.MAX_SAFE_INTEGER. */
  schemeBudgetCentsMax: 10_000_000_000_000,
  /** Largest maximum per course a scheme may set: €100,000. */
  maxPerCourseCentsMax: 10_000_000,
  /** Longest expiry a scheme may set relative to the deposit: ten years. */
  expiresAfterMonthsMax: 120,
  schemeIdLengthMax: 64,
  labelLengthMax: 200,
  referenceLengthMax: 200,
  categoriesPerSchemeMax: 50,
  categoryLengthMax: 64,
  idempotencyKeyLengthMax: 128,
  /** Largest JSON body for ordinary requests (bulk uploads have their own limit). */
  requestBodyBytesMax: 65_536,
  /** Rows in one deposit batch; more is 413 `batch_too_large`. */
  batchRowsMax: 10_000,
  /**
   * Largest deposit batch body: 10,000 rows of JSON with long references fit, and it stays below
   * Lambda's 6 MB synchronous payload.
   */
  batchBodyBytesMax: 4_194_304,
  /**
   * Rows in one chunk of a batch: the unit of work on the queue. A chunk is one item, so its rows
   * stay well within DynamoDB's 400 KB, and a worker pays one chunk within seconds.
   */
  batchChunkRows: 250,
  /**
   * Schemes one deposit batch may name. A batch's start and its end are one transaction each: the
   * batch item and, per scheme, up to `schemeTotalShards` budget shards, within 100 items.
   */
  batchSchemesMax: 8,
  /** DynamoDB's limit on the items of one TransactWriteItems request. */
  transactionItemsMax: 100,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  /** How many items a scheme's funder total is split over, so a yearly grant has no hot key. */
  schemeTotalShards: 10,
  /** Largest course price: €100,000. */
  coursePriceCentsMax: 10_000_000,
  courseIdLengthMax: 64,
  courseTitleLengthMax: 200,
  startDatesPerCourseMax: 100,
  searchQueryLengthMax: 100,
  /** How long a claim may wait for the citizen's approval before it expires. */
  approvalWindowDays: 30,
  /** How long after the course starts reserved money may still be captured before it is released. */
  captureWindowDays: 180,
  /** How often a use case re-reads and retries after losing a race, before answering 409/503. */
  transactionAttemptsMax: 5,
  /** Items a scheduled job reads from its work list at once. */
  jobBatchSizeMax: 100,
  /**
   * Batches one job run processes before it stops; the next scheduled run takes the rest. Bounds
   * a run's time well inside Lambda's 15 minutes even when every item needs retries.
   */
  jobBatchesPerRunMax: 20,
  /**
   * Claims in one payout. A payout is one transaction: the payout record, every claim it pays and
   * at most `schemeTotalShards` payable shards, within DynamoDB's 100 items per transaction.
   */
  claimsPerPayoutMax: 80,
  /**
   * Pots one claim may draw on. Every step of a claim is one transaction of at most 100 items: a
   * release from an ended employment's revocable pots writes per part its pot, at most one scheme
   * total shard and one employment check (its entries are in the movement record); with the
   * movement record, claim, course use, provider check and payable shard that is at most
   * 5 + 3 × 18 = 59 items (96 when each entry was an item of its own, which set this cap). An
   * approval may hold no split its later steps cannot write, or the money would stay held.
   */
  partsPerClaimMax: 18,
  /** Payouts in one SEPA file: the file record and every payout it takes are one transaction of at most 100 items. */
  payoutsPerFileMax: 90,
  /**
   * Hours that payouts to a provider wait after its IBAN changed: three days, in which a second
   * person can see the change in the audit trail and undo it before money goes to the new account.
   */
  ibanChangeHoldHours: 72,
  /**
   * Partitions the pot expiry work list is spread over. Every deposit touches a pot, and a yearly
   * grant to a million people would otherwise write one index partition at its throughput limit.
   */
  potExpiryListShards: 10,
  /** SEPA remittance information (Ustrd) is at most 140 characters (EPC rulebook). */
  remittanceLengthMax: 140,
  /**
   * Claims one provider may make for one course in one calendar year (UTC), the cap STAP
   * introduced after providers sprayed claims. Every claim made counts, whatever becomes of it,
   * since the abuse is in the making. Deployments and tests may lower it through the
   * `CLAIMS_PER_COURSE_PER_YEAR_MAX` environment variable.
   */
  claimsPerCoursePerYearMax: 300,
  /**
   * Partitions each day's audit trail is spread over. Every money movement writes an audit entry,
   * and a yearly grant to a million people would otherwise write one partition, in time order,
   * far beyond its throughput limit.
   */
  auditShards: 10,
  /**
   * The range every date in the API lies in (request fields, and so every date stored and derived
   * from them): far enough back for employments and courses that started long ago, far enough
   * ahead for the longest expiry, and always a four-digit year that renders as a valid ISO date-time.
   */
  dateMin: '2000-01-01',
  dateMax: '2100-12-31',
  /**
   * A claim's start date (one of the course's published start dates, when it has them) lies from
   * this many days before today (providers often claim after enrolment, once the course has begun) …
   */
  claimStartDaysBackMax: 56,
  /** … to this many months after today, so a claim cannot hold a citizen's money for decades. */
  claimStartMonthsAheadMax: 18,
  /** Longest period one audit listing may span, so a page never reads more than this many days' shards. */
  auditRangeDaysMax: 31,
  /**
   * Most days `to` may lie after `from` in a usage report: a year, leap day included. A report reads
   * one aggregate item per scheme and day, never the ledger.
   */
  usageRangeDaysMax: 366,
  /** Fewest distinct persons a usage report shows; below it `persons` is null, so nobody can be singled out. */
  usagePersonsShownMin: 10,
  /**
   * Persons one usage aggregate (a scheme's day) counts exactly, as short hashes; beyond it the day
   * keeps a HyperLogLog sketch instead, so the item stays a few KB however large a grant is.
   */
  usageExactPersonsPerDayMax: 64,
  /** Schemes one usage report covers at most: a funder's own, read page by page. */
  usageReportSchemesMax: 1_000,
  /**
   * How long DynamoDB Streams keeps a record, and so how long after its creation a record may be
   * delivered again. An aggregate drops a shard's mark twice this long after setting it; the report
   * takes a shard whose progress is older than this as finished (see README, "Usage report").
   */
  usageStreamRetentionHours: 24,
} as const;
