/**
 * Where the payouts job writes SEPA files (pain.001), and the bucket that receives server access
 * logs: of the payout bucket here, and of the web bucket and CloudFront in `web-hosting.ts`.
 */
import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';

export interface PayoutBuckets {
  /** Where the payouts job writes SEPA files. */
  readonly payoutBucket: Bucket;
  /** Receives the server access logs of the payout and web buckets and CloudFront's logs. */
  readonly accessLogBucket: Bucket;
}

/**
 * Creates the bucket for SEPA payout files: private, encrypted, TLS only, versioned (a file is
 * evidence of what the bank was asked to pay), retained with the stack, with server access logs
 * in a bucket of their own. Both are created directly in the stack (`PayoutBucket`,
 * `AccessLogBucket`), so their logical ids stay those of the deployed stack.
 */
export function createPayoutBuckets(stack: Stack): PayoutBuckets {
  const common = {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
  } as const;
  const accessLogBucket = new Bucket(stack, 'AccessLogBucket', {
    ...common,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
  });
  const payoutBucket = new Bucket(stack, 'PayoutBucket', {
    ...common,
    versioned: true,
    serverAccessLogsBucket: accessLogBucket,
    serverAccessLogsPrefix: 'payout-bucket/',
  });
  return { payoutBucket, accessLogBucket };
}
