import { PutObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { PayoutFileStore } from './payout-file-store.ts';

/**
 * Attempts at one put that meets another conditional write of the same key (409) before it gives
 * up and leaves the file to the next run. The other write is one file of at most a few hundred
 * kilobytes, done or failed within the waits below (two seconds in all).
 */
const conflictAttemptsMax = 5;
const conflictWaitMilliseconds = 200;

/**
 * Payout files in an S3 bucket. `If-None-Match: *` makes the put a create-if-absent (S3
 * conditional writes), so a file is never replaced by a second write; the bucket's versioning is
 * a second line of defence, not the mechanism.
 */
export class S3PayoutFileStore implements PayoutFileStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucketName: string,
    private readonly prefix = 'payouts/',
  ) {}

  async put(name: string, content: string): Promise<'written' | 'exists'> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucketName,
            Key: `${this.prefix}${name}`,
            Body: content,
            ContentType: 'application/xml; charset=utf-8',
            IfNoneMatch: '*',
          }),
        );
        return 'written';
      } catch (error) {
        const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
        // 412: the object exists, and a file's content never changes.
        if (status === 412) return 'exists';
        // 409: another conditional write of this key is in flight. It may yet fail (its run killed, or
        // the SDK's own timed-out first attempt of this very put), so the file is not known to be there:
        // taking it as written lost the file for good, as the run then notes it written. S3 says to
        // retry; the retry finds it (412) or writes it. After the last attempt the error goes to the
        // caller, and the file record stays unwritten for the next run.
        if (status !== 409 || attempt >= conflictAttemptsMax) throw error;
        await new Promise((resolve) => setTimeout(resolve, conflictWaitMilliseconds * attempt));
      }
    }
  }
}
