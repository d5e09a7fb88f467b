/**
 * The business portal's frame in a real browser (headless Chromium): signing in for each demo
 * organisation through the local stand-in for eHerkenning, the organisation's name and the menu of
 * its role on every page, both languages (one choice with the citizen app), 400% zoom, the pages
 * for an expired session, a wrong role and an unknown address, and signing out. The pages of each
 * role have their own files (portal-employer, portal-provider). Every page and state is scanned
 * with axe-core and photographed (test-results/screenshots/portal-*.png).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  type E2eSystem,
  newPage,
  plain,
  screenshot,
  signInToPortal,
  startE2e,
} from '../support/browser.ts';

let e2e: E2eSystem;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e();
  ({ context, page } = await newPage(e2e.browser));
});

afterAll(async () => {
  await e2e?.stop();
});

async function expectAccessible(name: string, target: Page = page): Promise<void> {
  await screenshot(target, `portal-${name}`);
  expect(await accessibilityViolations(target), `axe on ${name}`).toEqual([]);
}

async function heading(target: Page = page): Promise<string> {
  return plain(await target.getByRole('heading', { level: 1 }).textContent());
}

async function menu(target: Page = page): Promise<string[]> {
  return (await target.getByRole('navigation', { name: 'Menu' }).getByRole('link').allInnerTexts()).map(plain);
}

describe('the business portal', () => {
  it('invites to sign in, in Dutch, before anything else', async () => {
    await page.goto(`${e2e.origin}/zakelijk/`);
    expect(await heading()).toBe('Leerrekening voor organisaties');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.getByRole('button', { name: 'Inloggen' }).isVisible()).toBe(true);
    await expectAccessible('sign-in');
  });

  it('lists the organisations one can sign in for on the local login page', async () => {
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen voor uw organisatie' }).waitFor();
    const choices = plain(await page.getByRole('group').textContent());
    for (const name of ['Bouwbedrijf De Vries', 'Rijksoverheid', 'O&O-fonds Techniek', 'Opleidingen Noord'])
      expect(choices).toContain(name);
    await expectAccessible('login');
  });

  for (const [clientId, name, role, items] of [
    ['employer-demo', 'Bouwbedrijf De Vries', 'Werkgever', ['Werknemers', 'Geld storten', 'Bestanden']],
    ['funder-rijk', 'Rijksoverheid', 'Fonds', ['Geld storten', 'Bestanden', 'Gebruik']],
    ['provider-demo', 'Opleidingen Noord', 'Opleider', ['Opleidingen', 'Aanvragen', 'Uitbetalingen']],
    ['auditor-demo', 'Auditdienst Leerrekening', 'Controleur', ['Controle', 'Logboek']],
  ] as const) {
    it(`signs in for ${clientId} and shows its name and its role's menu on every page`, async () => {
      const own = await newPage(e2e.browser);
      try {
        await signInToPortal(own.page, e2e.origin, clientId);
        expect(await heading(own.page)).toBe(`Welkom, ${name}`);
        expect(plain(await own.page.getByTestId('organisation').textContent())).toBe(`U werkt voor: ${name} (${role})`);
        const links = await menu(own.page);
        expect(links[0]).toBe('Start');
        for (const item of items) expect(links).toContain(item);
        await expectAccessible(`start-${role.toLowerCase()}`, own.page);
        // Another page of the menu keeps the organisation's name in the header.
        await own.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: items[0] }).click();
        await own.page.getByRole('heading', { level: 1 }).waitFor();
        expect(plain(await own.page.getByTestId('organisation').textContent())).toContain(name);
      } finally {
        await own.context.close();
      }
    });
  }

  it('shows an employer a plain page, not a provider page, for a provider address', async () => {
    await signInToPortal(page, e2e.origin, 'employer-demo');
    await page.goto(`${e2e.origin}/zakelijk/claims`);
    expect(await heading()).toBe('Er ging iets mis');
    expect(plain(await page.getByRole('main').textContent())).toContain('Uw organisatie mag dit niet zien of doen.');
    await expectAccessible('forbidden');
  });

  it('shows a plain page for an address that does not exist', async () => {
    await page.goto(`${e2e.origin}/zakelijk/bestaat-niet`);
    expect(await heading()).toBe('Pagina niet gevonden');
    await expectAccessible('not-found');
  });

  it('switches to English and remembers it after a reload, in the citizen app too', async () => {
    await page.goto(`${e2e.origin}/zakelijk/`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Welcome, Bouwbedrijf De Vries' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome, Bouwbedrijf De Vries' }).waitFor();
    expect(plain(await page.getByTestId('organisation').textContent())).toBe(
      'You work for: Bouwbedrijf De Vries (Employer)',
    );
    await expectAccessible('start-english');
    await page.goto(`${e2e.origin}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${e2e.origin}/zakelijk/`);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { name: 'Welkom, Bouwbedrijf De Vries' }).waitFor();
  });

  it('reflows every page of every role at 400% zoom (320 CSS pixels wide) without scrolling sideways', async () => {
    const pages = {
      'employer-demo': ['', 'employees', 'deposit', 'uploads', 'schemes', 'usage'],
      'provider-demo': ['courses', 'claims', 'payouts'],
      'auditor-demo': ['reconciliation', 'audit'],
    } as const;
    for (const [clientId, paths] of Object.entries(pages)) {
      const own = await newPage(e2e.browser);
      try {
        await signInToPortal(own.page, e2e.origin, clientId);
        await own.page.setViewportSize({ width: 320, height: 256 });
        for (const path of paths) {
          await own.page.goto(`${e2e.origin}/zakelijk/${path}`);
          await own.page.getByTestId('organisation').waitFor();
          await own.page.getByRole('heading', { level: 1 }).waitFor();
          await own.page.locator('.lr-loading').waitFor({ state: 'detached' });
          const overflow = await own.page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          expect(overflow, `/zakelijk/${path} scrolls sideways`).toBeLessThanOrEqual(0);
          await screenshot(own.page, `portal-zoom-400-${path === '' ? 'start' : path}`);
        }
      } finally {
        await own.context.close();
      }
    }
  });

  it('says plainly that the session expired, and comes back to the same page after signing in again', async () => {
    await page.goto(`${e2e.origin}/zakelijk/deposit`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const before = await heading();
    // An access token the API refuses, as happens when it has expired.
    await page.evaluate(`(() => {
      const session = JSON.parse(sessionStorage.getItem('leerrekening.portal.session'));
      const expired = { ...session, accessToken: 'expired.token.value' };
      sessionStorage.setItem('leerrekening.portal.session', JSON.stringify(expired));
    })()`);
    await page.reload();
    await page.getByRole('heading', { name: 'U bent uitgelogd' }).waitFor();
    expect(page.url()).toBe(`${e2e.origin}/zakelijk/deposit`);
    await expectAccessible('expired');
    await page.getByRole('button', { name: 'Opnieuw inloggen' }).click();
    // The login service still knows the organisation, so signing in again needs no input.
    await page.waitForURL(`${e2e.origin}/zakelijk/deposit`, { timeout: 15_000 });
    await page.getByTestId('organisation').waitFor();
    expect(await heading()).toBe(before);
    const token = await page.evaluate(`JSON.parse(sessionStorage.getItem('leerrekening.portal.session')).accessToken`);
    expect(token).not.toBe('expired.token.value');
  });

  it('signs out, and then shows the invitation to sign in', async () => {
    await page.goto(`${e2e.origin}/zakelijk/`);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.waitForURL(`${e2e.origin}/zakelijk/`, { timeout: 15_000 });
    expect(await heading()).toBe('Leerrekening voor organisaties');
    expect(await page.evaluate(`sessionStorage.getItem('leerrekening.portal.session')`)).toBeNull();
    await context.close();
  });
});
