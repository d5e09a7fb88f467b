/**
 * The end-to-end tests' browser: Debian's `chromium`, driven by playwright-core (browsers cannot
 * be downloaded here, and CI installs the same package with apt-get). Also the helpers every e2e
 * file needs: the system with a built web app, logging in as a citizen through the real login
 * page, an axe-core scan, and screenshots for review.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../infra/local/start.ts';
import { buildWebIfStale } from '../../web/build.ts';
import { chromiumArgs } from './chromium-flags.ts';
// For the type of inject('dynamoEndpoint'), which dynamodb.ts declares.
import type {} from './dynamodb.ts';

const chromiumNames = ['chromium', 'chromium-browser'] as const;

/** Where screenshots go for review; `test-results/` is git-ignored. */
export const screenshotDirectory = join(process.cwd(), 'test-results', 'screenshots');

/**
 * The path of the Chromium binary: `CHROMIUM_PATH` when set, else `chromium` on the PATH.
 * Throws, never skips, when there is none: the end-to-end tests are part of `npm test`.
 */
export function chromiumPath(): string {
  const configured = process.env['CHROMIUM_PATH'];
  const candidates =
    configured !== undefined && configured !== ''
      ? [configured]
      : (process.env['PATH'] ?? '')
          .split(delimiter)
          .flatMap((directory) => chromiumNames.map((name) => join(directory, name)));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next one.
    }
  }
  const searched = configured ? ` at CHROMIUM_PATH=${configured}` : ' on the PATH';
  throw new Error(
    [
      `The end-to-end tests need Chromium, and no \`chromium\` binary was found${searched}.`,
      'Install it: `sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu; CI does this in .ci/run),',
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...chromiumArgs] });
}

export interface E2eSystem {
  readonly system: LocalSystem;
  readonly browser: Browser;
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * Everything an e2e file needs, started in its `beforeAll`: the web app built when stale, the
 * whole local system on a free port with a table of its own, and Chromium.
 */
export async function startE2e(): Promise<E2eSystem> {
  // Fail first on a missing browser: the clearest message, before anything slow starts.
  chromiumPath();
  const [, system, browser] = await Promise.all([
    buildWebIfStale(),
    startLocalSystem({ port: 0, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `e2e-${randomUUID()}` }),
    launchChromium(),
  ]);
  return {
    system,
    browser,
    origin: system.origin,
    async stop() {
      await browser.close();
      await system.stop();
    },
  };
}

/** A fresh browser profile (own cookies and storage) with a desktop-sized window. */
export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: 'nl-NL',
  });
  // Fail within seconds, not at the test's timeout, when something does not appear.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

/** Logs in through the app's button and the local login page, and waits for the overview. */
export async function logInAs(page: Page, origin: string, bsn: string, path = '/'): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.getByRole('button', { name: /^(Inloggen|Log in)$/ }).click();
  await page.getByLabel('Uw burgerservicenummer (BSN)').fill(bsn);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.origin === origin && url.pathname !== '/auth/callback', { timeout: 15_000 });
}

/**
 * Signs in to the business portal as someone who works for `orgClientId` (e.g. `employer-demo`),
 * through the local login page that stands in for eHerkenning, and waits until `path` shows the
 * organisation's name.
 */
export async function signInToPortal(
  page: Page,
  origin: string,
  orgClientId: string,
  path = '/zakelijk/',
): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.getByRole('button', { name: /^(Inloggen|Sign in)$/ }).click();
  await page.getByLabel('Of vul de code van uw organisatie in').fill(orgClientId);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(
    (url) =>
      url.origin === origin && url.pathname.startsWith('/zakelijk') && url.pathname !== '/zakelijk/auth/callback',
    { timeout: 15_000 },
  );
  await page.getByTestId('organisation').waitFor({ timeout: 15_000 });
}

/** What `innerText` shows, with the non-breaking spaces of amounts as plain spaces. */
export function plain(text: string | null): string {
  return (text ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * Runs axe-core on the page for WCAG 2.0, 2.1 and 2.2 A and AA, and returns the violations as
 * short readable lines (empty when there are none), so a failing test says what is wrong and where.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
    return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} — ${targets}`;
  });
}

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDirectory, { recursive: true });
  const path = join(screenshotDirectory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
