/**
 * The business portal's pages for employers and funders in a real browser (headless Chromium):
 * Bouwbedrijf De Vries registers Fatima, deposits for her after a confirmation (nothing is sent
 * before it), sees what ending her employment returns before confirming it, uploads a CSV file of
 * deposits by keyboard (refused rows listed and handed back as CSV) and another by drag and drop;
 * Rijksoverheid reads its usage report as a chart, a table and a CSV file. Every page and state is
 * scanned with axe-core and photographed (test-results/screenshots/portal-employer-*.png,
 * portal-fund-*.png).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../infra/local/demo-world.ts';
import {
  accessibilityViolations,
  type E2eSystem,
  newPage,
  plain,
  screenshot,
  signInToPortal,
  startE2e,
} from '../support/browser.ts';

const jan = demoCitizens[0];
const fatima = demoCitizens[1];

let e2e: E2eSystem;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e();
  ({ page } = await newPage(e2e.browser));
  await signInToPortal(page, e2e.origin, 'employer-demo', '/zakelijk/employees');
});

afterAll(async () => {
  await e2e?.stop();
});

async function expectAccessible(name: string, target: Page = page): Promise<void> {
  await screenshot(target, name);
  expect(await accessibilityViolations(target), `axe on ${name}`).toEqual([]);
}

async function heading(target: Page = page): Promise<string> {
  return plain(await target.getByRole('heading', { level: 1 }).textContent());
}

/** Opens a portal page by its menu link, as someone would (an in-app navigation, no reload). */
async function openFromMenu(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** What a click on `button` downloads, as text, with the file's name. */
async function downloadOf(button: ReturnType<Page['getByRole']>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Presses Tab until the focus is on the page's file input; fails after `max` presses. */
async function tabToFileInput(max = 40): Promise<void> {
  const visited: string[] = [];
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.getAttribute('type') === 'file'`)) return;
    visited.push(
      await page.evaluate<string>(
        `(document.activeElement?.tagName ?? '') + ' ' + (document.activeElement?.textContent ?? '').slice(0, 30)`,
      ),
    );
  }
  throw new Error(`Tab did not reach the file input in ${max} presses, but ${visited.join(' | ')}`);
}

/** Chooses a CSV file on the uploads page, uploads it, and waits until the batch is processed. */
async function uploadAndWait(name: string, csv: string): Promise<void> {
  await page.getByTestId('upload-form').waitFor();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Uploaden en storten' }).click();
  await page.getByRole('heading', { name: 'Het bestand is verwerkt' }).waitFor({ timeout: 30_000 });
}

const goodRows = 40;
/** Forty good rows for Jan (€ 25,00 each), then four that are refused, the way a Dutch spreadsheet saves it. */
const uploadCsv = [
  'bsn;schemeId;amount;reference',
  ...Array.from({ length: goodRows }, (_, index) => `${jan.bsn};vakmanschap;2500;Ronde ${index + 1}`),
  '123456789;vakmanschap;2500;Fout in BSN',
  `${jan.bsn};bestaat-niet;1000;Onbekende regeling`,
  `${fatima.bsn};vakmanschap;2500;Uit dienst`,
  `${jan.bsn};vakmanschap;12,50;Bedrag met komma`,
  '',
].join('\r\n');

/** The refused rows as the upload's result page handed them back, to fix and upload again. */
let refusedDownload = '';

describe('the portal for an employer', () => {
  it('registers an employee, after saying plainly what is wrong with a mistyped BSN', async () => {
    expect(await heading()).toBe('Werknemers');
    await expectAccessible('portal-employer-employees');
    const register = page.getByTestId('register-form');
    // Rendered as React wrote it, on the first render: a date field, a named BSN field (a build that
    // dropped React DOM's property writes once gave plain, nameless text boxes here).
    expect(await register.locator('input[type="date"]').count()).toBe(1);
    expect(await register.getByLabel('BSN van de werknemer').getAttribute('name')).toBe('register-bsn');
    await register.getByLabel('BSN van de werknemer').fill('123456789');
    await register.getByRole('button', { name: 'Aanmelden' }).click();
    await register.getByText('Dit BSN bestaat niet. Kijk of u het goed heeft overgenomen.').waitFor();
    // The focus goes to the field with the mistake, so its message is read out.
    expect(await page.evaluate(`document.activeElement?.getAttribute('name')`)).toBe('register-bsn');
    await expectAccessible('portal-employer-employees-invalid');

    await register.getByLabel('BSN van de werknemer').fill(fatima.bsn);
    await register.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'De werknemer is aangemeld' }).waitFor();
    await expectAccessible('portal-employer-employee-registered');
  });

  it('deposits once for the new employee after a confirmation, and explains a refusal for a non-employee', async () => {
    // Every deposit the page sends: none may leave before "Ja, stort het geld".
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/deposits') sent.push(request.url());
    });
    await openFromMenu('Geld storten');
    const form = page.getByTestId('deposit-form');
    // The employer has one scheme: it is chosen already.
    expect(await form.getByLabel('Regeling').inputValue()).toBe('vakmanschap');
    await form.getByLabel('BSN van de persoon').fill('111222333');
    await form.getByLabel('Bedrag').fill('1.250,00');
    await form.getByRole('button', { name: 'Storten' }).click();
    await page.getByRole('heading', { name: 'Wilt u dit geld storten?' }).waitFor();
    // The confirmation has the focus, says where the money goes without the whole BSN, and that it is final.
    expect(plain(await page.evaluate<string>(`document.activeElement?.textContent ?? ''`))).toBe(
      'Wilt u dit geld storten?',
    );
    const confirmation = plain(await page.locator('.lr-confirm').innerText());
    expect(confirmation).toContain(
      '€ 1.250,00 gaat naar de leerrekening van de persoon met het BSN dat eindigt op 333. ' +
        'Het geld komt op de regeling Budget vakmanschap De Vries.',
    );
    expect(confirmation).toContain('Een storting kunt u niet terugdraaien.');
    expect(confirmation).not.toContain('111222333');
    expect(await page.getByTestId('deposit-form').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Het geld is gestort' }).count()).toBe(0);
    expect(sent).toEqual([]);
    await expectAccessible('portal-employer-deposit-confirm');

    // "Nee" goes back to the form as it was filled in, with the focus on its first field; nothing was sent.
    await page.getByRole('button', { name: 'Nee, ga terug' }).click();
    await form.waitFor();
    expect(await form.getByLabel('BSN van de persoon').inputValue()).toBe('111222333');
    expect(await form.getByLabel('Bedrag').inputValue()).toBe('1.250,00');
    expect(await page.evaluate(`document.activeElement?.getAttribute('name')`)).toBe('bsn');
    expect(sent).toEqual([]);

    await form.getByRole('button', { name: 'Storten' }).click();
    await page.getByRole('button', { name: 'Ja, stort het geld' }).click();
    const problem = plain(await page.getByTestId('form-problem').textContent());
    expect(problem).toContain('Deze persoon is niet bij u in dienst.');
    expect(sent).toHaveLength(1);
    await expectAccessible('portal-employer-deposit-refused');

    await form.getByLabel('BSN van de persoon').fill(fatima.bsn);
    await form.getByLabel('Uw kenmerk (niet verplicht)').fill('Cursus veilig werken');
    await form.getByRole('button', { name: 'Storten' }).click();
    await page.getByRole('heading', { name: 'Wilt u dit geld storten?' }).waitFor();
    expect(sent).toHaveLength(1);
    await page.getByRole('button', { name: 'Ja, stort het geld' }).click();
    await page.getByRole('heading', { name: 'Het geld is gestort' }).waitFor();
    expect(plain(await page.locator('main').textContent())).toContain(
      '€ 1.250,00 staat nu op de leerrekening, op de regeling Budget vakmanschap De Vries.',
    );
    expect(sent).toHaveLength(2);
    await expectAccessible('portal-employer-deposited');
  });

  it('shows what ending the employment returns before it is confirmed, then ends it', async () => {
    await openFromMenu('Werknemers');
    const end = page.getByTestId('end-form');
    await end.getByLabel('BSN van de werknemer').fill(fatima.bsn);
    await end.getByRole('button', { name: 'Bekijk wat terugkomt' }).click();
    await page.getByRole('heading', { name: 'Wilt u het dienstverband beëindigen?' }).waitFor();
    expect(plain(await page.getByTestId('end-preview').textContent())).toContain(
      '€ 1.250,00 gaat terug naar uw organisatie.',
    );
    // Nothing has ended yet: the confirmation has the focus and waits for the answer.
    expect(await page.evaluate(`document.activeElement?.id`)).toBe('confirm-title');
    await expectAccessible('portal-employer-end-confirm');

    await page.getByRole('button', { name: 'Ja, beëindigen' }).click();
    await page.getByRole('heading', { name: 'Het dienstverband is beëindigd' }).waitFor();
    expect(plain(await page.locator('main').textContent())).toContain('€ 1.250,00 is teruggegaan naar uw organisatie.');
    await expectAccessible('portal-employer-ended');
  });

  it('uploads a CSV file by keyboard, shows the progress, then the result and the refused rows as CSV', async () => {
    await page.goto(`${e2e.origin}/zakelijk/uploads`);
    await page.getByRole('heading', { level: 1, name: 'Bestanden' }).waitFor();
    await page.getByRole('heading', { name: 'Eerdere bestanden' }).waitFor();
    await page.getByText('U heeft nog geen bestanden geüpload.').waitFor();
    await expectAccessible('portal-employer-uploads');

    const example = await downloadOf(page.getByRole('button', { name: 'Download een voorbeeldbestand' }));
    expect(example.text.split('\r\n')[0]).toBe('bsn;schemeId;amount;reference');

    await tabToFileInput();
    await page.locator(':focus').setInputFiles({
      name: 'stortingen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(uploadCsv, 'utf8'),
    });
    expect(plain(await page.getByTestId('chosen-file').textContent())).toMatch(/^Gekozen: stortingen\.csv \(\d+ kB\)$/);
    await page.keyboard.press('Tab');
    expect(plain(await page.evaluate<string>(`document.activeElement?.textContent ?? ''`))).toBe('Uploaden en storten');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/zakelijk\/uploads\/[^/]+$/);
    const progress = page.getByRole('progressbar', { name: 'Voortgang' });
    await progress.waitFor();
    expect(await progress.getAttribute('aria-valuemin')).toBe('0');
    expect(await progress.getAttribute('aria-valuemax')).toBe(String(goodRows + 4));
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/^\d+ van 44 regels verwerkt$/);
    await screenshot(page, 'portal-employer-upload-progress');

    await page.getByRole('heading', { name: 'Het bestand is verwerkt' }).waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('44');
    const result = plain(await page.getByTestId('batch-result').textContent());
    expect(result).toContain('40 stortingen zijn gedaan. Samen € 1.000,00.');
    expect(result).toContain('4 regels zijn geweigerd.');
    const refused = (await page.getByTestId('refused-rows').locator('tbody tr').allInnerTexts()).map(plain);
    expect(refused).toEqual([
      '41 Dit BSN bestaat niet. Kijk of het goed is overgenomen.',
      '42 Deze regeling bestaat niet. Kijk of de code van de regeling goed is.',
      '43 Deze persoon is niet bij u in dienst. Meld de werknemer eerst aan.',
      '44 Een gegeven klopt niet. Kijk naar het bedrag (in centen) en het kenmerk.',
    ]);
    await expectAccessible('portal-employer-upload-result');

    const file = await downloadOf(page.getByRole('button', { name: 'Download de geweigerde regels (CSV)' }));
    refusedDownload = file.text;
    expect(file.name).toMatch(/^geweigerde-regels-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.text).toBe(
      [
        'bsn;schemeId;amount;reference;reden',
        '123456789;vakmanschap;2500;Fout in BSN;Dit BSN bestaat niet. Kijk of het goed is overgenomen.',
        `${jan.bsn};bestaat-niet;1000;Onbekende regeling;` +
          'Deze regeling bestaat niet. Kijk of de code van de regeling goed is.',
        `${fatima.bsn};vakmanschap;2500;Uit dienst;Deze persoon is niet bij u in dienst. Meld de werknemer eerst aan.`,
        `${jan.bsn};vakmanschap;"12,50";Bedrag met komma;` +
          'Een gegeven klopt niet. Kijk naar het bedrag (in centen) en het kenmerk.',
        '',
      ].join('\r\n'),
    );
    // The uploaded file's text was kept for that download only.
    expect(
      await page.evaluate(
        `Object.keys(sessionStorage).filter((key) => key.startsWith('leerrekening.portal.user.uploaded-file:'))`,
      ),
    ).toEqual([]);
  });

  it('takes a file dropped on the file field, and lists both uploads, newest first', async () => {
    await page.getByRole('link', { name: 'Terug naar bestanden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bestanden' }).waitFor();
    const csv = `bsn,schemeId,amount\r\n${jan.bsn},vakmanschap,2000\r\n${jan.bsn},vakmanschap,3000\r\n`;
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([${JSON.stringify(csv)}], 'gesleept.csv', { type: 'text/csv' }));
      return transfer;
    })()`);
    await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer });
    await page.getByText('Laat het bestand hier los').waitFor();
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
    expect(plain(await page.getByTestId('chosen-file').textContent())).toBe('Gekozen: gesleept.csv (1 kB)');
    await page.getByRole('button', { name: 'Uploaden en storten' }).click();
    await page.getByRole('heading', { name: 'Het bestand is verwerkt' }).waitFor({ timeout: 30_000 });
    const result = plain(await page.getByTestId('batch-result').textContent());
    expect(result).toContain('2 stortingen zijn gedaan. Samen € 50,00.');
    expect(result).toContain('Alle regels zijn gestort.');
    await expectAccessible('portal-employer-drop-result');

    await page.getByRole('link', { name: 'Terug naar bestanden' }).click();
    await page.getByTestId('upload-row').nth(1).waitFor();
    const rows = (await page.getByTestId('upload-row').allInnerTexts()).map(plain);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/ 2 2 0 € 50,00 Klaar$/);
    expect(rows[1]).toMatch(/ 44 40 4 € 1.000,00 Klaar$/);
    await expectAccessible('portal-employer-uploads-listed');
  });

  it('takes the refused rows back once fixed, reason column and all, and pays them', async () => {
    const fixed = refusedDownload
      .replace('123456789;', `${jan.bsn};`)
      .replace(';bestaat-niet;', ';vakmanschap;')
      .replace(`${fatima.bsn};`, `${jan.bsn};`)
      .replace(';"12,50";', ';1250;');
    expect(fixed.split('\r\n')[0]).toBe('bsn;schemeId;amount;reference;reden');
    await uploadAndWait('geweigerde-regels-verbeterd.csv', fixed);
    const result = plain(await page.getByTestId('batch-result').textContent());
    // 25,00 + 10,00 + 25,00 + 12,50: the API never saw the reason column, which it would refuse the file for.
    expect(result).toContain('4 stortingen zijn gedaan. Samen € 72,50.');
    expect(result).toContain('Alle regels zijn gestort.');
  });

  it('shows the first 500 of 560 refused rows, and reads the rest only for the download', async () => {
    const refusedCount = 560;
    const csv = [
      'bsn;schemeId;amount;reference',
      ...Array.from({ length: refusedCount }, (_, index) => `123456789;vakmanschap;100;Regel ${index + 1}`),
      '',
    ].join('\r\n');
    // The batch's pages of refused rows asked for (50 a page): with a cursor, so the first read is not counted.
    let pagesAsked = 0;
    page.on('request', (request) => {
      if (/\/v1\/deposit-batches\/[^/?]+\?cursor=/.test(request.url())) pagesAsked += 1;
    });
    await page.getByRole('link', { name: 'Terug naar bestanden' }).click();
    await uploadAndWait('veel-fouten.csv', csv);
    await page.getByTestId('refused-rows').waitFor();
    expect(await page.getByTestId('refused-rows').locator('tbody tr').count()).toBe(500);
    await page.getByText('Hieronder staan de eerste 500 van de 560 geweigerde regels.', { exact: false }).waitFor();
    // Pages 2 to 10 for the table, none of the last two yet.
    expect(pagesAsked).toBe(9);

    const file = await downloadOf(page.getByRole('button', { name: 'Download de geweigerde regels (CSV)' }));
    const lines = file.text.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1 + refusedCount);
    expect(lines.at(-1)).toBe(
      '123456789;vakmanschap;100;Regel 560;Dit BSN bestaat niet. Kijk of het goed is overgenomen.',
    );
    expect(pagesAsked).toBe(11);
  });

  it('lists the employer’s schemes and makes a new one, amounts typed in euros, for one kind of course', async () => {
    await openFromMenu('Regelingen');
    await page.getByTestId('schemes').waitFor();
    const form = page.getByTestId('create-scheme');
    await form.getByLabel('Naam').fill('Opleiding 2027');
    await form.getByLabel('Code', { exact: true }).fill('opleiding-2027');
    await form.getByLabel('Budget: het totaal dat u op deze regeling stort (niet verplicht)').fill('10.000');
    // The money may be limited to kinds of courses: a group of checkboxes, none checked meaning all.
    const categories = form.getByRole('group', {
      name: 'Voor welke soorten opleidingen mag het geld worden gebruikt? (niet verplicht)',
    });
    expect(await categories.getByRole('checkbox').count()).toBe(4);
    await categories.getByRole('checkbox', { name: 'Techniek' }).check();
    const sent = page.waitForRequest(
      (request) => request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/schemes'),
    );
    await form.getByRole('button', { name: 'Regeling maken' }).click();
    expect((await sent).postDataJSON()).toMatchObject({ schemeId: 'opleiding-2027', categories: ['techniek'] });
    await page.getByRole('heading', { name: 'De regeling is gemaakt' }).waitFor();
    await page.getByRole('cell', { name: 'opleiding-2027' }).waitFor();
    expect(await categories.getByRole('checkbox', { checked: true }).count()).toBe(0);
    const rows = (await page.getByTestId('schemes').locator('tbody tr').allInnerTexts()).map(plain);
    expect(rows).toContain('Opleiding 2027 opleiding-2027 geen einddatum Techniek geen grens € 10.000,00 nee');
    expect(rows).toContain(
      'Budget vakmanschap De Vries vakmanschap 2 maanden na elke storting alle opleidingen geen grens geen grens ja',
    );
    await expectAccessible('portal-employer-schemes');
  });
});

describe('the portal for a funder', () => {
  it('shows the usage report as a chart and a table, and downloads it as CSV', async () => {
    await e2e.system.drainUsageStream();
    const funder = await newPage(e2e.browser);
    page = funder.page;
    await signInToPortal(page, e2e.origin, 'funder-rijk', '/zakelijk/usage');
    expect(await heading()).toBe('Gebruik');
    const chart = page.getByRole('img', { name: /^Gebruik per regeling van 1 januari \d{4} tot en met / });
    await chart.waitFor();
    expect(
      plain(
        await chart
          .locator('text')
          .allTextContents()
          .then((texts) => texts.join(' ')),
      ),
    ).toContain('Ontwikkelbudget Gestort € 2.000,00');
    const row = plain(await page.getByTestId('usage-table').locator('tbody tr').first().textContent());
    expect(row).toBe('Ontwikkelbudget€ 2.000,00€ 0,00€ 0,00€ 0,00€ 0,00€ 0,00minder dan 10');
    await expectAccessible('portal-fund-usage');

    const file = await downloadOf(page.getByRole('button', { name: 'Download als CSV' }));
    expect(file.name).toMatch(/^gebruik-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.text.split('\r\n')).toEqual([
      'code,regeling,gestort (centen),vastgezet (centen),uitgegeven (centen),vrijgegeven (centen),' +
        'verlopen (centen),teruggehaald (centen),personen',
      'ontwikkelbudget,Ontwikkelbudget,200000,0,0,0,0,0,',
      '',
    ]);

    // A period the API refuses is said in words before anything is asked.
    await page.getByLabel('Van', { exact: true }).fill('2020-01-01');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.getByText('Kies een periode van hoogstens 366 dagen.').waitFor();
    await expectAccessible('portal-fund-usage-invalid');
    await funder.context.close();
  });
});
