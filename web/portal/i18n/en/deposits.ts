import type { deposits as nl } from '../nl/deposits.ts';

/** Texts of the portal's deposit pages in English: one deposit, files with many, and their results. */
export const deposits: typeof nl = {
  title: 'Deposit money',
  intro: 'Deposit money into one person’s learning account. For many people at once, use a file.',
  toUploads: 'Deposit with a file',
  bsnLabel: 'Person’s BSN',
  bsnHint: 'The citizen service number has 9 digits.',
  bsnEmpty: 'Enter the BSN.',
  bsnDigits: 'A BSN has 9 digits. Enter digits only.',
  bsnCheck: 'This BSN does not exist. Check that you copied it correctly.',
  schemeLabel: 'Scheme',
  schemeChoose: 'Choose a scheme',
  schemeEmpty: 'Choose a scheme.',
  noSchemes: 'You have no scheme yet. Create a scheme first. Then you can deposit money.',
  toSchemes: 'Go to schemes',
  amountLabel: 'Amount',
  amountHint: 'In euros, for example 1,250.00.',
  amountInvalid: 'Enter an amount in euros, for example 1,250.00.',
  amountZero: 'Enter an amount above €0.00.',
  referenceLabel: 'Your reference (optional)',
  referenceHint: 'For example a number from your own records. Do not put a BSN here.',
  referenceLong: 'The reference cannot be longer than 200 characters.',
  button: 'Deposit',
  busy: 'Depositing…',
  confirmTitle: 'Do you want to deposit this money?',
  confirmAmount: (amount: string, bsnEnd: string, scheme: string) =>
    `${amount} goes to the learning account of the person whose BSN ends in ${bsnEnd}. ` +
    `The money goes on the scheme ${scheme}.`,
  confirmFinal: 'A deposit cannot be undone. So check that the amount and the BSN are right.',
  confirmYes: 'Yes, deposit the money',
  confirmNo: 'No, go back',
  doneTitle: 'The money has been deposited',
  done: (amount: string, scheme: string) => `${amount} is now in the learning account, on the scheme ${scheme}.`,
  problems: {
    unknown_person: 'We know nobody with this BSN. Check that you copied it correctly.',
    not_employed:
      'This person does not work for you. You can only deposit for your own employees. Register the employee first.',
    budget_exceeded:
      'The budget of this scheme is used up. This amount no longer fits. Choose a lower amount or another scheme.',
    scheme_expired: 'This scheme has expired. You can no longer deposit on it. Choose another scheme.',
    unknown_scheme: 'This scheme does not exist (any more). Choose another scheme.',
    validation_failed: 'Check that everything is filled in correctly. The largest amount is €100,000.00.',
    idempotency_key_reused:
      'Your previous attempt may have reached us after all, with other details. First check under Usage whether ' +
      'that deposit was made. Then, to make another deposit, press the button again.',
  },
  uploads: {
    title: 'Files',
    intro: 'Deposit money for many people at once, with a CSV file from Excel, for example.',
    newTitle: 'Upload a new file',
    formatTitle: 'What must the file contain?',
    formatIntro:
      'The first line names the columns. Then one deposit per line. You may use commas or semicolons. ' +
      'One file holds at most 10,000 deposits.',
    columns: [
      { name: 'bsn', text: 'the person’s BSN, 9 digits' },
      { name: 'schemeId', text: 'the scheme’s code, see Schemes' },
      { name: 'amount', text: 'the amount in cents, without a comma or point: 125000 is €1,250.00' },
      { name: 'reference', text: 'your own reference (optional)' },
    ],
    example: 'Download an example file',
    exampleFile: 'example-deposits.csv',
    fileLabel: 'Choose a CSV file',
    fileHint: 'Or drag the file into this box.',
    dropHere: 'Drop the file here',
    chosen: (name: string, size: string) => `Chosen: ${name} (${size})`,
    fileEmpty: 'Choose a file first.',
    fileNotCsv: 'This is not a CSV file. Save the file as CSV (.csv) and try again.',
    fileTooLarge: 'This file is too large. A file may be at most 4 MB and hold 10,000 deposits.',
    fileUnreadable: 'We cannot read this file. Choose the file again.',
    button: 'Upload and deposit',
    busy: 'Uploading…',
    earlierTitle: 'Earlier files',
    earlierCaption: 'Table of your earlier files',
    earlierEmpty: 'You have not uploaded any files yet.',
    columnsTable: {
      date: 'Date',
      rows: 'Rows',
      paid: 'Deposited',
      refused: 'Refused',
      total: 'Total deposited',
      status: 'Status',
    },
    openLabel: (date: string) => `View the file of ${date}`,
    more: 'Load more files',
    status: { processing: 'Processing', done: 'Done' },
    unknown: '–',
    problems: {
      invalid_csv: 'The file is not a proper CSV file. Check that all quotation marks are in place.',
      batch_too_large: 'This file is too large. A file may hold at most 10,000 deposits.',
      validation_failed:
        'The first line of the file must name the columns: bsn, schemeId, amount and optionally reference, ' +
        'each once. Below it there must be at least one deposit.',
      idempotency_key_reused:
        'Your previous upload may have reached us after all. Check under Earlier files whether it is there. ' +
        'If it is not, upload it again.',
    },
  },
  upload: {
    title: 'File with deposits',
    notFound: 'This file does not exist, or it belongs to another organisation.',
    back: 'Back to files',
    progressLabel: 'Progress',
    progressText: (processed: number, total: number) => `${processed} of ${total} rows processed`,
    processing: 'We are processing the file. This can take a while. You can leave this page open.',
    doneTitle: 'The file has been processed',
    summary: (paid: number, amount: string) =>
      `${paid} ${paid === 1 ? 'deposit was' : 'deposits were'} made. Together ${amount}.`,
    refusedSummary: (refused: number) =>
      refused === 0
        ? 'All rows were deposited.'
        : `${refused} ${refused === 1 ? 'row was' : 'rows were'} refused. Nothing was deposited for those rows.`,
    refusedCaption: 'Table of the refused rows',
    refusedShownFirst: (shown: number, total: number) =>
      `Below are the first ${shown} of the ${total} refused rows. The download has them all.`,
    refusedTitle: 'Refused rows',
    refusedIntro: 'Fix these rows and upload them again. The other rows have been deposited: do not upload them again.',
    refusedColumns: { row: 'Row', reason: 'What is wrong' },
    rowNumberNote: 'Row 1 is the first line below the column names.',
    download: 'Download the refused rows (CSV)',
    downloadBusy: 'Fetching…',
    downloadFailed: 'The refused rows could not be fetched. Try again in a few minutes.',
    downloadHint:
      'You get the refused rows as they were in your file, with what is wrong in the last column. ' +
      'Fix the rows and upload the file here again. We leave out that last column when we send it.',
    downloadHintRowsOnly:
      'Your original file was not kept in this tab. So you get only the row number and what is wrong.',
    downloadFile: (date: string) => `refused-rows-${date}.csv`,
    reasonColumn: 'reason',
    rowColumn: 'row',
    codes: {
      validation_failed: 'A value is not right. Check the amount (in cents) and the reference.',
      unknown_person: 'This BSN does not exist. Check that it was copied correctly.',
      unknown_scheme: 'This scheme does not exist. Check the scheme’s code.',
      scheme_expired: 'This scheme has expired. Deposit on another scheme.',
      not_employed: 'This person does not work for you. Register the employee first.',
      budget_exceeded: 'The scheme’s budget is used up. This deposit no longer fits.',
    },
  },
};
