import { PutObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { PayoutFileStore } from './payout-file-store.ts';

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
      // 412: the object exists. 409: a concurrent conditional write of the same key is in flight;
      // that writer puts the same bytes, so either way the file is there.
      if (
        error instanceof S3ServiceException &&
        (error.$metadata.httpStatusCode === 412 || error.$metadata.httpStatusCode === 409)
      )
        return 'exists';
      throw error;
    }
  }
}
