/**
 * The business portal's provider and auditor pages in a real browser (headless Chromium), signed in
 * through the local stand-in for eHerkenning. Opleidingen Noord publishes a course, sees its claims
 * and narrows them by status (the choice survives a reload), captures an approved claim by keyboard
 * alone (the focus going to the first field with a mistake) after a confirmation that says what
 * happens to the money, cancels another, and sees its payout once the payouts job ran. The auditor
 * then sees the ledger balanced at € 0,00, the provider's capture in the audit trail, and a period
 * the API would refuse explained in the form, also after Back. Claims are made and approved through
 * the API, as a provider's system and Jan would. Every page and state is scanned with axe-core and
 * photographed (test-results/screenshots/portal-provider-*.png, portal-auditor-*.png).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../infra/local/demo-world.ts';
import { runLocalJob } from '../../infra/local/jobs.ts';
import {
  accessibilityViolations,
  type E2eSystem,
  newPage,
  plain,
  screenshot,
  signInToPortal,
  startE2e,
} from '../support/browser.ts';
import { businessTokens } from '../support/business-token.ts';
import { citizenLogin } from '../support/citizen-login.ts';

const jan = demoCitizens[0];
const run = randomUUID().slice(0, 8);

let e2e: E2eSystem;
let context: BrowserContext;
let page: Page;
let providerToken: string;
let janToken: string;

async function post(path: string, token: string, body: unknown, expected: number): Promise<any> {
  const response = await fetch(`${e2e.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** The API's today (UTC) plus `days`, as YYYY-MM-DD. */
function utcDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A course of Opleidingen Noord claimed for Jan; approved by Jan through the API unless `approve` is false. */
async function claimForJan(title: string, amount: number, approve = true): Promise<string> {
  const courseId = `e2e-${run}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  await post('/v1/courses', providerToken, { courseId, title, category: 'veiligheid', price: amount }, 201);
  // Started yesterday: the evidence date (today) then lies between the start and today in any time zone.
  const claim = await post(
    '/v1/claims',
    providerToken,
    { bsn: jan.bsn, courseId, amount, startDate: utcDay(-1), reference: `e2e ${run}` },
    201,
  );
  if (approve) {
    const approved = await post(`/v1/me/claims/${claim.claimId}/approve`, janToken, {}, 200);
    expect(approved.status).toBe('approved');
  }
  return claim.claimId as string;
}

function focused(target: Page = page): Promise<{ tag: string; text: string; label: string | null }> {
  return target.evaluate(`(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      text: (element?.textContent ?? '').trim(),
      label: element?.labels?.[0]?.textContent?.trim() ?? null,
    };
  })()`);
}

/** The name of the focused form field and whether it is marked as wrong (`aria-invalid`). */
function focusedField(): Promise<{ name: string | null; invalid: string | null }> {
  return page.evaluate(`(() => ({
    name: document.activeElement?.getAttribute('name') ?? null,
    invalid: document.activeElement?.getAttribute('aria-invalid') ?? null,
  }))()`);
}

/** Presses Tab until the focused element is the field labelled `label` or shows `text`. */
async function tabTo(match: { label?: string; text?: string }, max = 40): Promise<void> {
  const seen: string[] = [];
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press('Tab');
    const now = await focused();
    seen.push(`${now.tag} ${now.label ?? plain(now.text).slice(0, 30)}`);
    if (match.label !== undefined && now.label === match.label) return;
    if (match.text !== undefined && plain(now.text) === match.text) return;
  }
  throw new Error(`Tab did not reach ${JSON.stringify(match)} in ${max} presses: ${seen.join(' | ')}`);
}

async function expectAccessible(name: string, target: Page = page): Promise<void> {
  await screenshot(target, name);
  expect(await accessibilityViolations(target), `axe on ${name}`).toEqual([]);
}

async function heading(target: Page = page): Promise<string> {
  return plain(await target.getByRole('heading', { level: 1 }).textContent());
}

let captureId: string;
let cancelId: string;
let waitingId: string;

describe('the provider and auditor pages of the business portal', () => {
  beforeAll(async () => {
    e2e = await startE2e();
    providerToken = await businessTokens(e2e.system.issuer)('provider-demo');
    janToken = (
      await citizenLogin({ issuer: e2e.system.issuer, redirectUri: `${e2e.origin}/auth/callback`, bsn: jan.bsn })
    ).access_token;
    captureId = await claimForJan('Veilig werken met machines', 45_000);
    cancelId = await claimForJan('Eerste hulp', 30_000);
    waitingId = await claimForJan('Brandveiligheid', 20_000, false);
    ({ context, page } = await newPage(e2e.browser));
    await signInToPortal(page, e2e.origin, 'provider-demo', '/zakelijk/courses');
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await e2e?.stop();
  });

  it('lists the provider’s courses and publishes a new one, with B1 messages for a form filled in wrong', async () => {
    await page.getByTestId('courses').waitFor();
    expect(await heading()).toBe('Opleidingen');
    const list = plain(await page.getByTestId('courses').innerText());
    expect(list).toContain('Veilig werken met machines');
    expect(list).toContain('€ 450,00');
    await expectAccessible('portal-provider-courses');

    await page.getByRole('button', { name: 'Opleiding op Leerrekening zetten' }).click();
    await page.getByText('Vul de naam van de opleiding in.').waitFor();
    expect(plain(await page.locator('form').innerText())).toContain('Kies de soort opleiding.');
    await expectAccessible('portal-provider-course-errors');

    const courseId = `heftruck-${run}`;
    await page.getByLabel('Code van de opleiding').fill(courseId);
    await page.getByLabel('Naam van de opleiding').fill(`Heftruck basis ${run}`);
    await page.getByLabel('Soort opleiding', { exact: true }).selectOption('veiligheid');
    await page.getByLabel('Prijs in euro').fill('1.250,50');
    await page.getByRole('button', { name: 'Opleiding op Leerrekening zetten' }).click();
    await page.getByText(`De opleiding Heftruck basis ${run} staat nu op Leerrekening.`).waitFor();
    const row = page
      .getByTestId('courses')
      .getByRole('row')
      .filter({ hasText: `Heftruck basis ${run}` });
    await row.waitFor();
    expect(plain(await row.innerText())).toContain('€ 1.250,50');
    await expectAccessible('portal-provider-course-published');

    // The same code again: the API answers 409 course_exists, the form says so in words.
    await page.getByLabel('Code van de opleiding').fill(courseId);
    await page.getByLabel('Naam van de opleiding').fill('Nog een keer');
    await page.getByLabel('Soort opleiding', { exact: true }).selectOption('veiligheid');
    await page.getByLabel('Prijs in euro').fill('100');
    await page.getByRole('button', { name: 'Opleiding op Leerrekening zetten' }).click();
    await page.getByText(`Er is al een opleiding met de code ${courseId}. Kies een andere code.`).waitFor();
  });

  it('shows the claims and narrows them by status, and the choice survives a reload and Back', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Aanvragen' }).click();
    await page.getByTestId('claims').waitFor();
    for (const claimId of [captureId, cancelId, waitingId]) {
      expect(await page.locator(`[data-claim-id="${claimId}"]`).count()).toBe(1);
    }
    const waitingRow = plain(await page.locator(`[data-claim-id="${waitingId}"]`).innerText());
    expect(waitingRow).toContain('Wacht op akkoord');
    expect(waitingRow).toContain('€ 200,00');
    await expectAccessible('portal-provider-claims');

    await page.getByLabel('Toon aanvragen').selectOption('approved');
    await page.getByRole('button', { name: 'Toon', exact: true }).click();
    await page.waitForURL((url) => url.search === '?status=approved');
    await page.getByRole('table').getByText('Akkoord, geld staat vast').first().waitFor();
    await page.reload();
    await page.getByTestId('claims').waitFor();
    expect(await page.getByLabel('Toon aanvragen').inputValue()).toBe('approved');
    expect(await page.locator(`[data-claim-id="${captureId}"]`).count()).toBe(1);
    expect(await page.locator(`[data-claim-id="${cancelId}"]`).count()).toBe(1);
    expect(await page.locator(`[data-claim-id="${waitingId}"]`).count()).toBe(0);
    await expectAccessible('portal-provider-claims-approved');

    await page.getByLabel('Toon aanvragen').selectOption('paid');
    await page.getByRole('button', { name: 'Toon', exact: true }).click();
    await page.getByTestId('claims-empty').waitFor();
    expect(plain(await page.getByTestId('claims-empty').textContent())).toBe(
      'Er zijn geen aanvragen met de status ‘Uitbetaald’.',
    );
    // Back keeps the page: the filter and the table both follow the address again.
    await page.goBack();
    await page.waitForURL((url) => url.search === '?status=approved');
    await page.locator(`[data-claim-id="${captureId}"]`).waitFor();
    expect(await page.getByLabel('Toon aanvragen').inputValue()).toBe('approved');
  });

  it('captures part of an approved claim by keyboard alone, after a confirmation about the money', async () => {
    await page.goto(`${e2e.origin}/zakelijk/claims/${captureId}`);
    await page.getByRole('heading', { name: 'Aanvraag: Veilig werken met machines' }).waitFor();
    expect(plain(await page.getByTestId('reserved').textContent())).toBe('€ 450,00');
    await expectAccessible('portal-provider-claim-approved');

    // More than is held: the focus goes to the amount, the first field with a mistake, so its message is read out.
    await tabTo({ label: 'Bedrag in euro' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('500');
    await tabTo({ text: 'Geld opnemen' });
    await page.keyboard.press('Enter');
    await page.getByText('U kunt niet meer opnemen dan € 450,00.').waitFor();
    expect(await focusedField()).toEqual({ name: 'amount', invalid: 'true' });
    await expectAccessible('portal-provider-capture-errors');

    // The amount put right and the date wrong: now the date is the first field with a mistake.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('400');
    await tabTo({ label: 'Datum van het bewijs' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('gisteren');
    await tabTo({ text: 'Geld opnemen' });
    await page.keyboard.press('Enter');
    await page.getByText('Vul een datum in, zo: 2026-11-30.').waitFor();
    expect(await focusedField()).toEqual({ name: 'evidenceDate', invalid: 'true' });

    await page.keyboard.press('Control+A');
    await page.keyboard.type(utcDay());
    await tabTo({ text: 'Geld opnemen' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Wilt u het geld opnemen?' }).waitFor();
    expect(await focused()).toMatchObject({ tag: 'h2', text: 'Wilt u het geld opnemen?' });
    expect(plain(await page.locator('.lr-confirm').innerText())).toContain(
      'U ontvangt € 400,00. De rest, € 50,00, gaat terug naar de persoon.',
    );
    await expectAccessible('portal-provider-capture-confirm');

    await tabTo({ text: 'Ja, neem het geld op' });
    await page.keyboard.press('Enter');
    await page.getByText('U heeft € 400,00 opgenomen.', { exact: false }).waitFor();
    expect(await focused()).toMatchObject({ tag: 'div' });
    expect(plain(await page.getByTestId('status').textContent())).toBe('Geld opgenomen');
    expect(plain(await page.getByTestId('captured').textContent())).toBe('€ 400,00');
    await expectAccessible('portal-provider-captured');
  });

  it('cancels another approved claim after saying that the held money goes back', async () => {
    await page.goto(`${e2e.origin}/zakelijk/claims/${cancelId}`);
    await page.getByRole('button', { name: 'Aanvraag annuleren' }).click();
    await page.getByRole('heading', { name: 'Wilt u de aanvraag annuleren?' }).waitFor();
    expect(plain(await page.locator('.lr-confirm').innerText())).toContain(
      'Het geld dat vaststaat, € 300,00, gaat terug naar de persoon.',
    );
    await expectAccessible('portal-provider-cancel-confirm');
    await page.getByRole('button', { name: 'Ja, annuleer de aanvraag' }).click();
    await page.getByText('De aanvraag is geannuleerd. € 300,00 is terug naar de persoon.').waitFor();
    expect(plain(await page.getByTestId('status').textContent())).toBe('Ingetrokken of geannuleerd');
    await expectAccessible('portal-provider-cancelled');
  });

  it('makes a new claim for a person through the form, without the BSN in the address', async () => {
    await page.goto(`${e2e.origin}/zakelijk/claims`);
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Nieuwe aanvraag' }) });
    await form.getByLabel('Burgerservicenummer (BSN) van de persoon').fill('12345');
    await form.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await form.getByText('Vul een BSN van 9 cijfers in.').waitFor();
    expect(plain(await form.innerText())).toContain('Kies een opleiding.');
    await expectAccessible('portal-provider-new-claim-errors');

    await form.getByLabel('Burgerservicenummer (BSN) van de persoon').fill(demoCitizens[1].bsn);
    await form.getByLabel('Opleiding', { exact: true }).selectOption({ label: `Heftruck basis ${run}` });
    expect(await form.getByLabel('Bedrag in euro').inputValue()).toBe('1250,50');
    await form.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await form.getByText(`De aanvraag voor Heftruck basis ${run} is verstuurd.`, { exact: false }).waitFor();
    expect(await form.getByLabel('Burgerservicenummer (BSN) van de persoon').inputValue()).toBe('');
    expect(page.url()).not.toContain(demoCitizens[1].bsn);
    const row = page
      .getByTestId('claims')
      .getByRole('row')
      .filter({ hasText: `Heftruck basis ${run}` });
    await row.waitFor();
    expect(plain(await row.innerText())).toContain('€ 1.250,50');
    await expectAccessible('portal-provider-new-claim');
  });

  it('shows no payouts before the payouts job, and the capture’s payout after it', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Uitbetalingen' }).click();
    await page.getByTestId('payouts-empty').waitFor();
    expect(plain(await page.getByTestId('payouts-empty').textContent())).toBe(
      'Er zijn nog geen uitbetalingen. Geld dat u opneemt, komt bij de volgende uitbetaling.',
    );
    await expectAccessible('portal-provider-payouts-empty');

    process.env['PAYOUT_DIRECTORY'] = await mkdtemp(join(tmpdir(), 'leerrekening-e2e-payouts-'));
    expect(await runLocalJob('payouts')).toMatchObject({ failed: 0 });
    await page.reload();
    const row = page.getByTestId('payouts').getByRole('row').filter({ hasText: captureId });
    await row.waitFor();
    const text = plain(await row.innerText());
    expect(text).toContain('€ 400,00');
    await row.getByRole('link', { name: `Aanvraag ${captureId}` }).waitFor();
    await expectAccessible('portal-provider-payouts');

    // A payout of many claims (up to 80) keeps a short row: five links, the rest behind a disclosure.
    // This provider has one payout of one claim, so the answer is given six claims more.
    const extra = Array.from({ length: 6 }, (_, index) => `${captureId}-extra-${index + 1}`);
    await page.route('**/v1/payouts*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: Array<{ claims: string[] }> };
      for (const payout of body.items) if (payout.claims.includes(captureId)) payout.claims.push(...extra);
      await route.fulfill({ response, json: body });
    });
    try {
      await page.reload();
      await row.waitFor();
      expect(await row.getByRole('link').count()).toBe(5);
      const rest = row.getByText('En nog 2 aanvragen', { exact: true });
      expect(await rest.isVisible()).toBe(true);
      expect(await row.getByRole('link', { name: `Aanvraag ${extra[5]}` }).isVisible()).toBe(false);
      await rest.click();
      await row.getByRole('link', { name: `Aanvraag ${extra[5]}` }).waitFor();
      expect(await row.getByRole('link').count()).toBe(7);
      await expectAccessible('portal-provider-payouts-many');
    } finally {
      await page.unroute('**/v1/payouts*');
    }
  });

  it('shows the auditor the ledger balanced at € 0,00 and the provider’s capture in the audit trail', async () => {
    const auditor = await newPage(e2e.browser);
    try {
      const own = auditor.page;
      await signInToPortal(own, e2e.origin, 'auditor-demo', '/zakelijk/reconciliation');
      await own.getByTestId('reconciliation').waitFor();
      expect(plain(await own.getByTestId('reconciliation-result').textContent())).toBe(
        'Alles klopt. Alle rekeningen samen komen op nul uit.',
      );
      expect(plain(await own.getByTestId('reconciliation-status').textContent())).toBe('Klopt');
      expect(plain(await own.getByTestId('reconciliation-sum').textContent())).toBe('€ 0,00');
      await expectAccessible('portal-auditor-reconciliation', own);

      await own.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Logboek' }).click();
      await own.getByLabel('Van', { exact: true }).fill('2026-01-01');
      await own.getByLabel('Tot en met', { exact: true }).fill('2026-03-01');
      await own.getByRole('button', { name: 'Toon logboek' }).click();
      await own.getByRole('alert').or(own.locator('.utrecht-alert')).first().waitFor();
      expect(plain(await own.locator('main').innerText())).toContain('Kies een periode van hoogstens 31 dagen.');
      await expectAccessible('portal-auditor-audit-too-long', own);

      // Yesterday to tomorrow (UTC, as the API counts days), so the test holds around midnight too.
      await own.getByLabel('Van', { exact: true }).fill(utcDay(-1));
      await own.getByLabel('Tot en met', { exact: true }).fill(utcDay(1));
      await own.getByRole('button', { name: 'Toon logboek' }).click();
      await own.getByTestId('audit').waitFor();
      const capture = own.locator('[data-action="claim_capture"]').filter({ hasText: captureId });
      // Oldest first, a page at a time: ask for more until the capture is there.
      while ((await capture.count()) === 0) {
        await own.getByRole('button', { name: 'Toon meer regels' }).click();
        await own.getByRole('button', { name: 'Toon meer regels' }).or(capture).first().waitFor();
      }
      const text = plain(await capture.innerText());
      expect(text).toContain('Opleider, opleidingen-noord');
      expect(text).toContain('Geld opgenomen');
      expect(text).toContain('€ 400,00');
      expect(text).toContain('Gelukt');
      expect(text).toMatch(/\d{1,2} [a-z]+ \d{4}( om)? \d{2}:\d{2}:\d{2}/);
      await expectAccessible('portal-auditor-audit', own);

      // A period in the address that the API would refuse: the form shows it with the same message as
      // when it is sent, and no table. Also after Back, which changes the address but keeps the page.
      const reversed = '/zakelijk/audit?from=2026-03-01&to=2026-01-01';
      const expectReversedPeriod = async (name: string) => {
        // In the alert above the form and under the field "Tot en met".
        await own.getByText('De laatste dag mag niet vóór de eerste dag liggen.').first().waitFor();
        expect(await own.getByLabel('Van', { exact: true }).inputValue()).toBe('2026-03-01');
        expect(await own.getByLabel('Tot en met', { exact: true }).inputValue()).toBe('2026-01-01');
        expect(await own.getByRole('button', { name: 'Toon logboek' }).count()).toBe(1);
        expect(await own.getByTestId('audit').count()).toBe(0);
        await expectAccessible(name, own);
      };
      await own.goto(`${e2e.origin}${reversed}`);
      await expectReversedPeriod('portal-auditor-audit-reversed');
      await own.getByLabel('Van', { exact: true }).fill(utcDay(-1));
      await own.getByLabel('Tot en met', { exact: true }).fill(utcDay(1));
      await own.getByRole('button', { name: 'Toon logboek' }).click();
      await own.getByTestId('audit').waitFor();
      await own.goBack();
      expect(own.url()).toBe(`${e2e.origin}${reversed}`);
      await expectReversedPeriod('portal-auditor-audit-reversed-back');
      await own.goForward();
      await own.getByTestId('audit').waitFor();
      expect(await own.getByLabel('Van', { exact: true }).inputValue()).toBe(utcDay(-1));
    } finally {
      await auditor.context.close();
    }
  });
});
