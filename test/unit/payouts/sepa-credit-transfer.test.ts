import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PayoutFileEntry, planPayoutFile } from '../../../shared/ledger/payout.ts';
import type { Payout } from '../../../shared/ledger/provider.ts';
import { FilesystemPayoutFileStore } from '../../../shared/payouts/filesystem-payout-file-store.ts';
import {
  creditTransferProblem,
  decimalEuros,
  type PayerAccount,
  renderPain001,
  sepaText,
} from '../../../shared/payouts/sepa-credit-transfer.ts';
import { pain001SchemaPath } from '../../support/pain001-schema.ts';

const run = promisify(execFile);

const schemaPath = pain001SchemaPath;

const payer: PayerAccount = { name: 'Stichting Leerrekening', iban: 'NL20INGB0001234567', bic: 'INGBNL2A' };
const at = '2026-05-21T02:00:00.123Z';

function payout(payoutId: string, amountCents: number, overrides: Partial<Payout> = {}): Payout {
  return {
    payoutId,
    providerId: 'noord',
    amountCents,
    claimIds: ['clm_AbC-12_x'],
    createdAt: at,
    providerName: 'Opleidingen Noord',
    iban: 'NL91ABNA0417164300',
    ...overrides,
  };
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'pain001-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function validate(xml: string): Promise<string> {
  const file = path.join(directory, `${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(file, xml);
  const { stderr } = await run('xmllint', ['--noout', '--schema', schemaPath, file]);
  return stderr;
}

describe('decimalEuros', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [12_345, '123.45'],
    [10_000_000, '100000.00'],
    // Beyond anything a float would add up exactly: the digits are the integer's own.
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%i cents is %s', (cents, text) => {
    expect(decimalEuros(cents)).toBe(text);
  });

  it.each([[-1], [0.5], [Number.NaN]])('refuses %d', (cents) => {
    expect(() => decimalEuros(cents)).toThrow();
  });
});

describe('sepaText', () => {
  it.each([
    ['Opleidingen Noord', 'Opleidingen Noord'],
    ['Café Zoë & Zonen B.V.', 'Cafe Zoe + Zonen B.V.'],
    ['Leerhuis <Zuid> "één"', 'Leerhuis Zuid een'],
    ['  spaces\tand\nlines  ', 'spaces and lines'],
    ['clm_AbC-12_x', 'clm_AbC-12_x'],
  ])('%j becomes %j', (input, output) => {
    expect(sepaText(input, 70)).toBe(output);
  });

  it('cuts to the length allowed', () => {
    expect(sepaText('a'.repeat(100), 70)).toHaveLength(70);
  });

  it.each([
    ['Φροντιστήριο Αθηνών', 'Frontistirio Athinon'],
    ['ΚΈΝΤΡΟ ΕΚΠΑΊΔΕΥΣΗΣ', 'KENTRO EKPAIDEFSIS'],
    ['Учебный центр «Знание»', 'Uchebnyy tsentr Znanie'],
    ['Навчальний центр Київ', 'Navchalniy tsentr Kiyiv'],
    ['Straße Ærø Łódź Øresund Œuvre Þór Đaković', 'Strasse AEro Lodz Oresund OEuvre Thor Djakovic'],
    ['İstanbul Eğitim Şirketi', 'Istanbul Egitim Sirketi'],
  ])('transliterates %j to %j', (input, output) => {
    expect(sepaText(input, 70)).toBe(output);
  });

  it.each([
    ['Ĳsselland Opleidingen', 'IJsselland Opleidingen'],
    ['Oﬃce ﬁnance', 'Office finance'],
    ['ＡＢＣ Ｔｒａｉｎｉｎｇ', 'ABC Training'],
    ['ROC ’s-Hertogenbosch', "ROC 's-Hertogenbosch"],
    ['‘t Leerhuis', "'t Leerhuis"],
  ])('keeps the letters of ligatures, wide forms and typographic apostrophes: %j to %j', (input, output) => {
    expect(sepaText(input, 70)).toBe(output);
  });

  it('leaves nothing of a name in a script it has no table for', () => {
    expect(sepaText('東京研修所', 70)).toBe('');
  });
});

describe('renderPain001', () => {
  it('renders a file that validates against the pain.001.001.09 schema, with exact sums', async () => {
    const cafe = payout('po-2', 1, { providerName: 'Café Zoë & Zonen', iban: 'nl44 rabo 0123 4567 89' });
    const file = planPayoutFile('pf-0123456789abcdef01234567', [payout('po-1', 12_345), cafe], at);
    const xml = renderPain001(file, payer, '2026-05-21');

    expect(await validate(xml)).toContain('validates');
    expect(xml).toContain(
      '<MsgId>pf-0123456789abcdef01234567</MsgId><CreDtTm>2026-05-21T02:00:00Z</CreDtTm>' +
        '<NbOfTxs>2</NbOfTxs><CtrlSum>123.46</CtrlSum>',
    );
    expect(xml).toContain('<ReqdExctnDt><Dt>2026-05-21</Dt></ReqdExctnDt>');
    expect(xml).toContain(
      '<Dbtr><Nm>Stichting Leerrekening</Nm></Dbtr>' +
        '<DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct>' +
        '<DbtrAgt><FinInstnId><BICFI>INGBNL2A</BICFI></FinInstnId></DbtrAgt>',
    );
    expect(xml).toContain(
      '<PmtId><EndToEndId>po-1</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">123.45</InstdAmt></Amt>',
    );
    expect(xml).toContain(
      '<Cdtr><Nm>Cafe Zoe + Zonen</Nm></Cdtr><CdtrAcct><Id><IBAN>NL44RABO0123456789</IBAN></Id></CdtrAcct>',
    );
    expect(xml).toContain('<RmtInf><Ustrd>Leerrekening po-1 claims clm_AbC-12_x</Ustrd></RmtInf>');
  });

  it('validates with the most payouts a file holds, and marks a payer without BIC as NOTPROVIDED', async () => {
    const payouts = Array.from({ length: 90 }, (_, index) => payout(`po-${index}`, 999_999 + index));
    const xml = renderPain001(
      planPayoutFile('pf-many', payouts, at),
      { name: payer.name, iban: payer.iban },
      '2026-05-21',
    );

    expect(await validate(xml)).toContain('validates');
    expect(xml).toContain('<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>');
    const expectedCents = payouts.reduce((sum, each) => sum + each.amountCents, 0);
    expect(xml).toContain(`<CtrlSum>${decimalEuros(expectedCents)}</CtrlSum>`);
  });

  it('renders the same record to the same bytes, so a re-written file is the same file', () => {
    const file = planPayoutFile('pf-1', [payout('po-1', 500)], at);

    expect(renderPain001(structuredClone(file), payer, '2026-05-21')).toBe(renderPain001(file, payer, '2026-05-21'));
  });

  it('refuses a record whose control sum does not match its entries', () => {
    const file = planPayoutFile('pf-1', [payout('po-1', 500)], at);

    expect(() => renderPain001({ ...file, controlSumCents: 501 }, payer, '2026-05-21')).toThrow(/add up to 500/);
  });

  it('renders a creditor with a Greek name, and one with no Latin rendering under its provider id', async () => {
    const greek = payout('po-1', 1_000, { providerId: 'athina', providerName: 'Φροντιστήριο Αθηνών' });
    const tokyo = payout('po-2', 2_000, { providerId: 'tokyo-kenshu', providerName: '東京研修所' });
    const xml = renderPain001(planPayoutFile('pf-1', [greek, tokyo], at), payer, '2026-05-21');

    expect(await validate(xml)).toContain('validates');
    expect(xml).toContain('<Cdtr><Nm>Frontistirio Athinon</Nm></Cdtr>');
    expect(xml).toContain('<Cdtr><Nm>Provider tokyo-kenshu</Nm></Cdtr>');
  });

  it('renders a payer name in another script, and refuses one that leaves nothing', async () => {
    const file = planPayoutFile('pf-1', [payout('po-1', 500)], at);

    expect(await validate(renderPain001(file, { ...payer, name: 'Ίδρυμα Μάθησης' }, '2026-05-21'))).toContain(
      'validates',
    );
    expect(() => renderPain001(file, { ...payer, name: '学习基金会' }, '2026-05-21')).toThrow(/payer name/);
  });

  it('refuses an id longer than SEPA allows', () => {
    const file = planPayoutFile('pf-1', [payout(`po-${'x'.repeat(40)}`, 500)], at);

    expect(() => renderPain001(file, payer, '2026-05-21')).toThrow(/longer than 35/);
  });
});

describe('creditTransferProblem', () => {
  const entryOf = (overrides: Partial<Payout> = {}) =>
    planPayoutFile('pf-1', [payout('po-1', 500, overrides)], at).entries[0] as PayoutFileEntry;

  it('finds nothing wrong with a payout to a SEPA account, whatever script the name is in', () => {
    expect(creditTransferProblem(entryOf())).toBeUndefined();
    expect(
      creditTransferProblem(entryOf({ providerName: 'Φροντιστήριο', iban: 'GR1601101250000000012300695' })),
    ).toBeUndefined();
    expect(creditTransferProblem(entryOf({ iban: 'CH9300762011623852957' }))).toBeUndefined();
  });

  it.each([
    ['a malformed IBAN', 'NL91 ABNA', /not a valid IBAN/],
    ['an IBAN whose check digits do not match', 'NL92ABNA0417164300', /not a valid IBAN/],
    ['a Brazilian IBAN', 'BR1800360305000010009795493C1', /outside SEPA/],
    ['a Kosovar IBAN', 'XK051212012345678906', /outside SEPA/],
  ])('names %s', (_case, iban, problem) => {
    expect(creditTransferProblem(entryOf({ iban }))).toMatch(problem);
  });

  it('names an end-to-end id longer than SEPA allows', () => {
    expect(creditTransferProblem(entryOf({ payoutId: `po-${'x'.repeat(40)}` }))).toMatch(/longer than 35/);
  });
});

describe('FilesystemPayoutFileStore', () => {
  it('creates a file once and leaves it alone when it is written again', async () => {
    const store = new FilesystemPayoutFileStore(path.join(directory, 'store'));

    expect(await store.put('2026-05-21/pf-1.xml', 'first')).toBe('written');
    expect(await store.put('2026-05-21/pf-1.xml', 'second')).toBe('exists');
    expect(await readFile(path.join(directory, 'store', '2026-05-21', 'pf-1.xml'), 'utf8')).toBe('first');
  });

  it('refuses a name that leaves its folder', async () => {
    const store = new FilesystemPayoutFileStore(path.join(directory, 'store'));

    await expect(store.put('../escape.xml', 'x')).rejects.toThrow(/leaves the payout folder/);
  });
});
