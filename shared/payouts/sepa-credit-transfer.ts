import { assertCents, sumCents } from '../ledger/money.ts';
import type { PayoutFile, PayoutFileEntry } from '../ledger/payout.ts';
import { compactIban, sepaIbanProblem } from './iban.ts';
import { transliterate } from './transliterate.ts';

/**
 * Renders a payout file as a SEPA credit transfer initiation, ISO 20022 pain.001.001.09, the
 * format Dutch banks accept for batches of outgoing transfers.
 *
 * Written by hand instead of with the `sepa` package (which does support pain.001.001.09): that
 * package takes amounts as JavaScript numbers in euros and adds them up in floating point for the
 * control sums, and it formats the creation time in the machine's time zone. Here every amount
 * stays integer cents until it becomes text, and the same record always renders to the same
 * bytes, which is what makes re-writing a file after a crash safe. The structure is small and
 * fixed: one payment information block, one credit transfer per payout.
 */

/** The Leerrekening bank account that pays the providers (the debtor). */
export interface PayerAccount {
  readonly name: string;
  readonly iban: string;
  /** Optional: within SEPA the IBAN is enough, and the agent is then marked NOTPROVIDED. */
  readonly bic?: string;
}

const namespace = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

/** EPC rulebook limits on text fields; the XSD allows more, banks do not. */
const nameLengthMax = 70;
const identifierLengthMax = 35;

/**
 * Formats cents as a decimal euro amount with two decimals ("1234.05"), by string arithmetic on
 * the integer, so no floating-point number ever holds the money.
 */
export function decimalEuros(amountCents: number): string {
  assertCents(amountCents, 'amountCents');
  if (amountCents < 0) throw new Error(`decimalEuros: a credit transfer amount cannot be negative, got ${amountCents}`);
  const digits = amountCents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Text as the SEPA (EPC) Latin character set allows it: letters without diacritics, digits and
 * `/ - ? : ( ) . , ' +` and space. Greek and Cyrillic letters, and Latin ones such as ß or ø, are
 * transliterated (Φροντιστήριο → Frontistirio, Учебный → Uchebnyy, Straße → Strasse), diacritics
 * are dropped (é → e), ligatures and wide forms become their letters (Ĳ → IJ), `&` becomes `+`,
 * typographic apostrophes `'` (’s-Hertogenbosch), anything else a space; runs of spaces collapse.
 * The one addition is `_`, which claim ids contain: the remittance names claims by the ids their
 * provider knows. Text in a script without a table here (Chinese, Arabic, …) may come out empty;
 * the caller decides what stands in for it.
 */
export function sepaText(text: string, lengthMax: number): string {
  // NFKC first: ligatures, wide and styled forms become the letters they stand for (Ĳ → IJ, ﬁ → fi).
  const latin = transliterate(text.normalize('NFKC'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, '+')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[^A-Za-z0-9/\-?:().,'+ _]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return latin.slice(0, lengthMax).trim();
}

/**
 * Why the paying account cannot pay in a SEPA file, or undefined when it can: its IBAN must be one
 * SEPA pays from, and something of its name must be left in SEPA's character set. Checked where
 * the account is configured, so a misconfiguration stops the job (and the deploy) instead of a file.
 */
export function payerProblem(payer: PayerAccount): string | undefined {
  const problem = sepaIbanProblem(payer.iban);
  if (problem !== undefined) return `the payer IBAN: ${problem}`;
  if (sepaText(payer.name, nameLengthMax) === '') return 'the payer name has no characters SEPA can carry';
  return undefined;
}

/**
 * The creditor's name as the file gives it: the registered name in SEPA text, or, when nothing of
 * it is left (a name wholly in a script without a table), "Provider <id>". Provider ids are
 * lowercase letters, digits and hyphens, so that is never empty. The bank pays by IBAN; the name
 * is for the people who read the statements.
 */
function creditorName(entry: Pick<PayoutFileEntry, 'providerName' | 'providerId'>): string {
  return sepaText(entry.providerName, nameLengthMax) || sepaText(`Provider ${entry.providerId}`, nameLengthMax);
}

/**
 * Why one credit transfer cannot go into a file, or undefined when it can: an IBAN that is not a
 * valid IBAN or not of a SEPA-scheme country, or an id longer than SEPA allows. The payouts job
 * asks this of every payout before recording a file, and keeps out the payouts with a problem, so
 * that one bad payout never stops a file for the others.
 */
export function creditTransferProblem(entry: PayoutFileEntry): string | undefined {
  const problem = sepaIbanProblem(entry.iban);
  if (problem !== undefined) return `payout ${entry.payoutId}: ${problem}`;
  try {
    creditTransfer(entry);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, content: string, attributes = ''): string {
  return `<${name}${attributes}>${content}</${name}>`;
}

function text(name: string, value: string): string {
  if (value === '') throw new Error(`pain.001: ${name} may not be empty`);
  return element(name, escapeXml(value));
}

function identifier(name: string, value: string): string {
  if (value.length > identifierLengthMax)
    throw new Error(`pain.001: ${name} ${value} is longer than ${identifierLengthMax} characters`);
  return text(name, value);
}

/** An account's IBAN, compacted; one that SEPA cannot pay to or from (see {@link sepaIbanProblem}) throws. */
function iban(value: string): string {
  const problem = sepaIbanProblem(value);
  if (problem !== undefined) throw new Error(`pain.001: an IBAN: ${problem}`);
  return element('Id', text('IBAN', compactIban(value)));
}

/** One credit transfer: the payout id as end-to-end id, the amount, the creditor and the remittance. */
function creditTransfer(entry: PayoutFileEntry): string {
  return element(
    'CdtTrfTxInf',
    element('PmtId', identifier('EndToEndId', entry.payoutId)) +
      element('Amt', element('InstdAmt', decimalEuros(entry.amountCents), ' Ccy="EUR"')) +
      element('Cdtr', text('Nm', creditorName(entry))) +
      element('CdtrAcct', iban(entry.iban)) +
      element('RmtInf', text('Ustrd', sepaText(entry.remittance, 140) || `Leerrekening ${entry.payoutId}`)),
  );
}

/**
 * The pain.001.001.09 document for a payout file.
 *
 * @param file - The recorded file: its id becomes the message id, its creation time the
 *   document's, and each entry one credit transfer whose end-to-end id is the payout id.
 * @param payer - The paying account.
 * @param executionDate - The requested execution date (`YYYY-MM-DD`).
 */
export function renderPain001(file: PayoutFile, payer: PayerAccount, executionDate: string): string {
  if (file.entries.length === 0) throw new Error('pain.001: a file needs at least one credit transfer');
  const controlSumCents = sumCents(file.entries.map((entry) => entry.amountCents));
  if (controlSumCents !== file.controlSumCents)
    throw new Error(`pain.001: file ${file.fileId} entries add up to ${controlSumCents}, not ${file.controlSumCents}`);
  if (file.entries.some((entry) => entry.amountCents <= 0))
    throw new Error('pain.001: every credit transfer must be more than 0 cents');
  const count = String(file.entries.length);
  const controlSum = decimalEuros(controlSumCents);
  // Whole seconds in UTC: what the EPC examples show, and the same for the same record everywhere.
  const createdAt = `${new Date(file.createdAt).toISOString().slice(0, 19)}Z`;
  const problem = payerProblem(payer);
  if (problem !== undefined) throw new Error(`pain.001: ${problem}`);
  const payerName = sepaText(payer.name, nameLengthMax);

  const transfers = file.entries.map(creditTransfer);

  const paymentInformation = element(
    'PmtInf',
    identifier('PmtInfId', `${file.fileId}-1`) +
      text('PmtMtd', 'TRF') +
      text('BtchBookg', 'true') +
      text('NbOfTxs', count) +
      text('CtrlSum', controlSum) +
      element('PmtTpInf', element('SvcLvl', text('Cd', 'SEPA'))) +
      element('ReqdExctnDt', text('Dt', executionDate)) +
      element('Dbtr', text('Nm', payerName)) +
      element('DbtrAcct', iban(payer.iban)) +
      element(
        'DbtrAgt',
        element(
          'FinInstnId',
          payer.bic === undefined ? element('Othr', text('Id', 'NOTPROVIDED')) : text('BICFI', payer.bic),
        ),
      ) +
      text('ChrgBr', 'SLEV') +
      transfers.join(''),
  );

  const groupHeader = element(
    'GrpHdr',
    identifier('MsgId', file.fileId) +
      text('CreDtTm', createdAt) +
      text('NbOfTxs', count) +
      text('CtrlSum', controlSum) +
      element('InitgPty', text('Nm', payerName)),
  );

  const initiation = element('CstmrCdtTrfInitn', groupHeader + paymentInformation);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('Document', initiation, ` xmlns="${namespace}"`)}\n`;
}
