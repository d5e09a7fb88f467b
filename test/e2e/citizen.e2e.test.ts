/**
 * The citizen web app in a real browser (headless Chromium): Jan logs in through the local login
 * page and sees his money, his history, both languages, all by keyboard too; every page and state
 * is scanned with axe-core and photographed for review (test-results/screenshots/).
 */
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

const jan = demoCitizens[0];

let e2e: E2eSystem;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e();
  ({ context, page } = await newPage(e2e.browser));
  await logInAs(page, e2e.origin, jan.bsn);
});

afterAll(async () => {
  await e2e?.stop();
});

/** The text of the element that has the focus, and what it is. */
function focused(target: Page = page): Promise<{ tag: string; text: string; id: string; outline: string }> {
  return target.evaluate(`(() => {
    const element = document.activeElement;
    const style = element ? getComputedStyle(element) : undefined;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      text: (element?.textContent ?? '').trim(),
      id: element?.id ?? '',
      outline: style ? style.outlineStyle + ' ' + style.outlineWidth : '',
    };
  })()`);
}

/** Presses Tab until the focused element's text is `text`; fails after `max` presses. */
async function tabTo(text: string | RegExp, max = 30): Promise<void> {
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press('Tab');
    const { text: current } = await focused();
    if (typeof text === 'string' ? plain(current) === text : text.test(plain(current))) return;
  }
  throw new Error(`Tab did not reach "${text}" in ${max} presses`);
}

async function expectAccessible(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page), `axe on ${name}`).toEqual([]);
}

async function heading(): Promise<string> {
  return plain(await page.getByRole('heading', { level: 1 }).textContent());
}

describe('the citizen web app', () => {
  it('shows Jan his three pots with the seeded amounts, who pays them, and the expiry warning', async () => {
    await page.goto(`${e2e.origin}/`);
    expect(await heading()).toBe('Uw geld voor scholing');
    await page.getByTestId('pot').first().waitFor();
    const pots = await page.getByTestId('pot').allInnerTexts();
    expect(pots).toHaveLength(3);
    const potText = (label: string) => plain(pots.find((text) => text.includes(label)) ?? '');
    expect(potText('Ontwikkelbudget')).toContain('€ 1.000,00');
    expect(potText('Ontwikkelbudget')).toContain('Rijksoverheid (Overheid)');
    expect(potText('Scholingsbudget Techniek')).toContain('€ 750,00');
    expect(potText('Scholingsbudget Techniek')).toContain('O&O-fonds Techniek');
    expect(potText('Budget vakmanschap De Vries')).toContain('€ 450,00');
    expect(potText('Budget vakmanschap De Vries')).toContain('Bouwbedrijf De Vries (Uw werkgever)');
    // Only the employer's pot expires within 90 days, and it says what to do.
    expect(potText('Budget vakmanschap De Vries')).toContain('Let op: dit geld vervalt bijna');
    expect(potText('Budget vakmanschap De Vries')).toContain('Zoek een opleiding');
    expect(await page.getByTestId('expiry-warning').count()).toBe(1);
    // Dates in words, e.g. "23 januari 2027".
    const months = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';
    expect(potText('Ontwikkelbudget')).toMatch(new RegExp(`Gebruiken vóór\\s*\\d{1,2} (${months}) \\d{4}`));
    expect(plain(await page.getByTestId('total-available').textContent())).toBe('€ 2.200,00');
    expect(plain(await page.getByTestId('total-reserved').textContent())).toBe('€ 0,00');
    await expectAccessible('overview');
  });

  it('shows the history newest first, each deposit as a plain sentence', async () => {
    await page.getByRole('link', { name: 'Wat er gebeurde' }).click();
    expect(await heading()).toBe('Wat er met uw geld gebeurde');
    await page.getByTestId('history').waitFor();
    const entries = (await page.locator('[data-testid=history] li').allInnerTexts()).map(plain);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toContain('U heeft € 450,00 gekregen van Bouwbedrijf De Vries (Budget vakmanschap De Vries).');
    expect(entries[1]).toContain('U heeft € 750,00 gekregen van O&O-fonds Techniek (Scholingsbudget Techniek).');
    expect(entries[2]).toContain('U heeft € 1.000,00 gekregen van Rijksoverheid (Ontwikkelbudget).');
    // After an in-app navigation the page's heading has the focus.
    expect((await focused()).tag).toBe('h1');
    await expectAccessible('history');
  });

  it('shows the requests and courses pages with a heading and plain words, never a raw code', async () => {
    for (const [path, title, name] of [
      ['/claims', 'Verzoeken van opleiders', 'claims'],
      ['/courses', 'Opleidingen zoeken', 'courses'],
    ] as const) {
      await page.goto(`${e2e.origin}${path}`);
      expect(await heading()).toBe(title);
      await page.locator('.lr-loading').waitFor({ state: 'detached' });
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/\b(404|not_found|undefined|null|NaN)\b/);
      await expectAccessible(name);
    }
  });

  it('switches to English and back, and remembers the choice after a reload', async () => {
    await page.goto(`${e2e.origin}/`);
    await page.getByTestId('pot').first().waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    // The English texts are fetched when first chosen.
    await expect.poll(heading).toBe('Your money for training');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(plain(await page.getByTestId('total-available').textContent())).toBe('€2,200.00');
    await page.reload();
    await page.getByTestId('pot').first().waitFor();
    expect(await heading()).toBe('Your money for training');
    expect(plain(await page.getByText('€1,000.00').first().textContent())).toBe('€1,000.00');
    await expectAccessible('overview-english');
    await page.getByRole('button', { name: 'Naar het Nederlands' }).click();
    await expect.poll(heading).toBe('Uw geld voor scholing');
    await page.reload();
    await page.getByTestId('pot').first().waitFor();
    expect(await heading()).toBe('Uw geld voor scholing');
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
  });

  it('works by keyboard alone: skip link, main menu, and the expiry warning’s link, with visible focus', async () => {
    await page.goto(`${e2e.origin}/`);
    await page.getByTestId('pot').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = await focused();
    expect(plain(skip.text)).toBe('Naar de inhoud');
    expect(skip.outline).not.toMatch(/^none/);
    expect(await page.getByRole('link', { name: 'Naar de inhoud' }).isVisible()).toBe(true);
    await screenshot(page, 'overview-skip-link');
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('main');
    // From the start of the content, the first stop is the warning's link.
    await page.keyboard.press('Tab');
    expect(plain((await focused()).text)).toBe('Zoek een opleiding');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${e2e.origin}/courses`);
    // Every page but the overview is loaded when first shown; its heading takes the focus once it is there.
    await expect.poll(async () => (await focused()).tag).toBe('h1');
    expect(plain((await focused()).text)).toBe('Opleidingen zoeken');
    // Back to the top and through the main menu to the history.
    await page.goto(`${e2e.origin}/`);
    await page.getByTestId('pot').first().waitFor();
    await tabTo('Wat er gebeurde');
    expect((await focused()).outline).not.toMatch(/^none/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${e2e.origin}/history`);
    await expect.poll(async () => plain((await focused()).text)).toBe('Wat er met uw geld gebeurde');
  });

  it('reflows at 400% zoom (320 CSS pixels wide) without scrolling sideways', async () => {
    await page.setViewportSize({ width: 320, height: 256 });
    try {
      for (const [path, name] of [
        ['/', 'overview-zoom-400'],
        ['/history', 'history-zoom-400'],
        ['/courses', 'courses-zoom-400'],
      ] as const) {
        await page.goto(`${e2e.origin}${path}`);
        await page.locator('.lr-loading').waitFor({ state: 'detached' });
        await page.getByRole('heading', { level: 1 }).waitFor();
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
        await screenshot(page, name);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('logs in again after the session expired and comes back to the same page', async () => {
    await page.goto(`${e2e.origin}/history`);
    await page.getByTestId('history').waitFor();
    // An access token the API refuses, as happens when it has expired.
    await page.evaluate(`(() => {
      const session = JSON.parse(sessionStorage.getItem('leerrekening.session'));
      const expired = { ...session, accessToken: 'expired.token.value' };
      sessionStorage.setItem('leerrekening.session', JSON.stringify(expired));
    })()`);
    await page.reload();
    // The login service still knows Jan, so the new login needs no input; the app returns to /history.
    await page.waitForURL(`${e2e.origin}/history`, { timeout: 15_000 });
    await page.getByTestId('history').waitFor();
    expect(await heading()).toBe('Wat er met uw geld gebeurde');
    const token = await page.evaluate(`JSON.parse(sessionStorage.getItem('leerrekening.session')).accessToken`);
    expect(token).not.toBe('expired.token.value');
  });

  it('shows a plain page for an address that does not exist', async () => {
    await page.goto(`${e2e.origin}/bestaat-niet`);
    expect(await heading()).toBe('Deze pagina bestaat niet');
    await expectAccessible('not-found');
  });

  it('logs out, and then shows the start page with the login button', async () => {
    await page.goto(`${e2e.origin}/`);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.waitForURL(`${e2e.origin}/`);
    expect(await heading()).toBe('Uw geld voor scholing');
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    await expectAccessible('sign-in');
  });

  it('serves the app with a strict Content-Security-Policy and caches hashed assets for a year', async () => {
    const index = await fetch(`${e2e.origin}/auth/callback`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${e2e.origin}${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await asset.arrayBuffer();
    expect((await fetch(`${e2e.origin}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${e2e.origin}/%2e%2e/package.json`)).status).toBe(404);
  });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
});
