/**
 * Claims in the citizen web app, in a real browser: a provider publishes a course and claims
 * funding for Jan through the API; Jan sees the request, checks who pays what, approves it with
 * the proposed split (and, by keyboard alone, another one), and then sees the held money on his
 * overview and the reservation in his history. Every claim page and state is scanned with axe.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../infra/local/demo-world.ts';
import {
  accessibilityViolations,
  type E2eSystem,
  logInAs,
  newPage,
  plain,
  screenshot,
  startE2e,
} from '../support/browser.ts';
import { businessTokens } from '../support/business-token.ts';

const jan = demoCitizens[0];
const run = randomUUID().slice(0, 8);

let e2e: E2eSystem;
let context: BrowserContext;
let page: Page;
let providerToken: string;

async function providerPost(path: string, body: unknown): Promise<any> {
  const response = await fetch(`${e2e.origin}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${providerToken}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** A date some weeks ahead, as YYYY-MM-DD. */
function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Publishes a course of Opleidingen Noord and claims `amount` of it for Jan. */
async function claimForJan(
  title: string,
  category: string,
  amount: number,
): Promise<{ claimId: string; title: string }> {
  const courseId = `e2e-${run}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const startDate = daysAhead(30);
  await providerPost('/v1/courses', { courseId, title, category, price: amount, startDates: [startDate] });
  const claim = await providerPost('/v1/claims', {
    bsn: jan.bsn,
    courseId,
    amount,
    startDate,
    reference: `e2e ${run}`,
  });
  expect(claim.status).toBe('awaiting_approval');
  return { claimId: claim.claimId as string, title };
}

function focused(): Promise<{ tag: string; text: string; testId: string | null }> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      text: (element?.textContent ?? '').trim(),
      testId: element?.getAttribute('data-testid') ?? null,
    };
  })()`);
}

async function tabTo(text: string, max = 40): Promise<void> {
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press('Tab');
    if (plain((await focused()).text) === text) return;
  }
  throw new Error(`Tab did not reach "${text}" in ${max} presses`);
}

async function expectAccessible(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page), `axe on ${name}`).toEqual([]);
}

describe('claims in the citizen web app', () => {
  beforeAll(async () => {
    e2e = await startE2e();
    providerToken = await businessTokens(e2e.system.issuer)('provider-demo');
    ({ context, page } = await newPage(e2e.browser));
    await logInAs(page, e2e.origin, jan.bsn);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await e2e?.stop();
  });

  let first: { claimId: string; title: string };

  it('shows a claim made through the provider API, on the requests page and on the overview', async () => {
    first = await claimForJan('Veilig werken op hoogte', 'veiligheid', 45_000);
    await page.goto(`${e2e.origin}/`);
    await page.getByText('Er wacht 1 verzoek van een opleider op u.').waitFor();
    await page.getByRole('link', { name: 'Verzoeken', exact: true }).click();
    const card = page.getByTestId('claim').filter({ hasText: first.title });
    await card.waitFor();
    const text = plain(await card.innerText());
    expect(text).toContain('Opleidingen Noord');
    expect(text).toContain('€ 450,00');
    expect(text).toMatch(/Begint op\s*\d{1,2} [a-z]+ \d{4}/);
    await expectAccessible('claims-waiting');
  });

  it(
    'shows who pays what, asks for confirmation, ' + 'approves with the proposed split, and moves focus to the result',
    async () => {
      await page.getByRole('link', { name: `Bekijk het verzoek voor ${first.title}` }).click();
      await page.getByTestId('split').waitFor();
      // The pot that expires first pays first: the employer's € 450,00 covers it all.
      const split = plain(await page.getByTestId('split').innerText());
      expect(split).toContain('Budget vakmanschap De Vries');
      expect(split).toContain('€ 450,00');
      expect(plain(await page.getByTestId('own-contribution').textContent())).toBe('€ 0,00');
      await expectAccessible('claim-review');

      await page.getByRole('button', { name: 'Akkoord geven' }).click();
      await page.getByRole('heading', { name: 'Weet u het zeker?' }).waitFor();
      expect(plain(await page.locator('.lr-confirm').innerText())).toContain('we € 450,00 vast');
      await expectAccessible('claim-confirm');

      await page.getByRole('button', { name: 'Ja, geef akkoord' }).click();
      await page.getByTestId('decision-result').waitFor();
      // React moves the focus in an effect, just after the result is painted: wait for it.
      await expect.poll(async () => (await focused()).testId).toBe('decision-result');
      expect(plain(await page.getByTestId('decision-result').textContent())).toBe('U heeft akkoord gegeven');
      await expectAccessible('claim-approved');
    },
  );

  it('shows the held money on the overview and the reservation in the history', async () => {
    await page.getByRole('link', { name: 'Naar mijn geld' }).click();
    await page.getByTestId('pot').first().waitFor();
    expect(plain(await page.getByTestId('total-reserved').textContent())).toBe('€ 450,00');
    expect(plain(await page.getByTestId('total-available').textContent())).toBe('€ 1.750,00');
    const employerPot = plain(
      await page.getByTestId('pot').filter({ hasText: 'Budget vakmanschap De Vries' }).innerText(),
    );
    expect(employerPot).toContain('Staat vast');
    await screenshot(page, 'overview-with-held-money');

    await page.getByRole('link', { name: 'Wat er gebeurde' }).click();
    await page.getByTestId('history').waitFor();
    const newest = plain(await page.locator('[data-testid=history] li').first().innerText());
    expect(newest).toContain(
      '€ 450,00 uit Budget vakmanschap De Vries staat nu vast voor Veilig werken op hoogte bij Opleidingen Noord.',
    );
    await expectAccessible('history-with-reservation');
  });

  it('approves a claim by keyboard alone', async () => {
    const second = await claimForJan('Lassen voor beginners', 'techniek', 30_000);
    await page.goto(`${e2e.origin}/claims`);
    await page.getByTestId('claim').filter({ hasText: second.title }).waitFor();
    await tabTo(`Bekijk het verzoek voor ${second.title}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('split').waitFor();
    await expect.poll(async () => (await focused()).tag).toBe('h1');
    await tabTo('Akkoord geven');
    await page.keyboard.press('Enter');
    // The confirmation takes the focus; its first button approves.
    await expect.poll(async () => plain((await focused()).text)).toBe('Weet u het zeker?');
    await tabTo('Ja, geef akkoord');
    await page.keyboard.press('Enter');
    await page.getByTestId('decision-result').waitFor();
    // React moves the focus in an effect, just after the result is painted: wait for it.
    await expect.poll(async () => (await focused()).testId).toBe('decision-result');
    await screenshot(page, 'claim-approved-by-keyboard');
  });

  it('lets Jan change the split before approving, and reject a claim, with plain words throughout', async () => {
    const third = await claimForJan('Veiligheid op de bouwplaats', 'veiligheid', 20_000);
    const fourth = await claimForJan('Excel voor gevorderden', 'kantoor', 10_000);
    await page.goto(`${e2e.origin}/claims/${encodeURIComponent(third.claimId)}`);
    await page.getByTestId('split').waitFor();
    await page.getByRole('button', { name: 'Verdeling aanpassen' }).click();
    await page.getByRole('heading', { name: 'Verdeling aanpassen' }).waitFor();
    await expectAccessible('claim-change-split');
    // Too much from one pot is explained, not sent.
    const techniek = page.getByLabel('Bedrag uit Scholingsbudget Techniek');
    const ontwikkel = page.getByLabel('Bedrag uit Ontwikkelbudget');
    await techniek.fill('5000');
    await ontwikkel.fill('0');
    await page.getByRole('button', { name: 'Verdeling gebruiken' }).click();
    await page.getByText('Dit is meer dan er in het potje zit.').waitFor();
    await expectAccessible('claim-change-split-error');
    await techniek.fill('100,00');
    await ontwikkel.fill('100,00');
    await page.getByRole('button', { name: 'Verdeling gebruiken' }).click();
    const split = plain(await page.getByTestId('split').innerText());
    expect(split).toContain('Scholingsbudget Techniek');
    expect(split).toContain('Ontwikkelbudget');
    await page.getByRole('button', { name: 'Akkoord geven' }).click();
    await page.getByRole('button', { name: 'Ja, geef akkoord' }).click();
    await page.getByTestId('decision-result').waitFor();
    expect(plain(await page.getByTestId('decision-result').textContent())).toBe('U heeft akkoord gegeven');

    await page.goto(`${e2e.origin}/claims/${encodeURIComponent(fourth.claimId)}`);
    await page.getByTestId('split').waitFor();
    await page.getByRole('button', { name: 'Weigeren' }).click();
    // While the rejection is on its way, the question stays the rejection's, with its button busy.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/me/claims/*/reject', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.getByRole('button', { name: 'Ja, weiger het verzoek' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Ja, weiger het verzoek' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Ja, geef akkoord' }).count()).toBe(0);
    } finally {
      // Let the request go whatever happened, so later steps are not stuck behind it.
      release();
    }
    await page.getByTestId('decision-result').waitFor();
    await page.unroute('**/v1/me/claims/*/reject');
    expect(plain(await page.getByTestId('decision-result').textContent())).toBe('U heeft het verzoek geweigerd');
    await expectAccessible('claim-rejected');

    await page.goto(`${e2e.origin}/claims`);
    await page.getByText('Er wachten geen verzoeken op u.').waitFor();
    await expectAccessible('claims-earlier');
  });

  it('shows for each course which pots can pay and how much', async () => {
    await page.goto(`${e2e.origin}/courses?q=${encodeURIComponent('Veilig werken op hoogte')}`);
    const course = page.getByTestId('course').filter({ hasText: 'Veilig werken op hoogte' }).first();
    await course.waitFor();
    const text = plain(await course.innerText());
    expect(text).toContain('Opleidingen Noord');
    expect(text).toContain('€ 450,00');
    expect(text).toContain('Wie kan betalen?');
    await expectAccessible('courses-results');
  });
});
