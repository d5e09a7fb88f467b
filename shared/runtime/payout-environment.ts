import { S3Client } from '@aws-sdk/client-s3';
import { FilesystemPayoutFileStore } from '../payouts/filesystem-payout-file-store.ts';
import { compactIban } from '../payouts/iban.ts';
import type { PayoutFileStore } from '../payouts/payout-file-store.ts';
import { S3PayoutFileStore } from '../payouts/s3-payout-file-store.ts';
import { type PayerAccount, payerProblem } from '../payouts/sepa-credit-transfer.ts';

/**
 * Configuration of the payouts job, kept apart from `environment.ts` so that no other function's
 * bundle carries the S3 client. In AWS `PAYOUT_BUCKET` names the bucket; locally
 * `PAYOUT_DIRECTORY` names a folder. `PAYER_NAME`, `PAYER_IBAN` and optionally `PAYER_BIC` name
 * the Leerrekening account that pays.
 */
let fileStore: PayoutFileStore | undefined;

/** Where payout files go, built on first use. */
export function payoutFileStoreFromEnvironment(): PayoutFileStore {
  if (fileStore === undefined) {
    const bucket = process.env['PAYOUT_BUCKET'];
    const directory = process.env['PAYOUT_DIRECTORY'];
    if (bucket !== undefined) {
      fileStore = new S3PayoutFileStore(new S3Client({}), bucket);
    } else if (directory !== undefined) {
      fileStore = new FilesystemPayoutFileStore(directory);
    } else {
      throw new Error('Set PAYOUT_BUCKET (AWS) or PAYOUT_DIRECTORY (local) for the payouts job.');
    }
  }
  return fileStore;
}

/** The paying account, from the environment. */
export function payerFromEnvironment(): PayerAccount {
  const name = process.env['PAYER_NAME'];
  const iban = process.env['PAYER_IBAN'];
  const bic = process.env['PAYER_BIC'];
  if (name === undefined || name === '' || iban === undefined || iban === '') {
    throw new Error('Set PAYER_NAME and PAYER_IBAN (and PAYER_BIC if the bank wants it) for the payouts job.');
  }
  const payer = { name, iban: compactIban(iban), ...(bic !== undefined && bic !== '' && { bic }) };
  const problem = payerProblem(payer);
  if (problem !== undefined)
    throw new Error(`PAYER_NAME and PAYER_IBAN name no account SEPA can pay from: ${problem}.`);
  return payer;
}
