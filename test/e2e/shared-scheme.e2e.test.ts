/**
 * A scheme id two funders use, in a real browser. Scheme ids are unique per funder only: here the
 * employer names its own scheme `ontwikkelbudget`, as the public budget is named. The citizen must
 * see the two as two lines of the split, choose an amount for each, and have each part held in the
 * right funder's pots.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, type E2eSystem, logInAs, newPage, plain, startE2e } from '../support/browser.ts';
import { businessTokens } from '../support/business-token.ts';
import { validBsn } from '../support/local-system.ts';

const citizen = validBsn(5_000);
const sharedId = 'ontwikkelbudget';

let e2e: E2eSystem;
let context: BrowserContext;
let page: Page;
let tokenOf: (clientId: string) => Promise<string>;

async function call(clientId: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${e2e.origin}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(clientId)}`,
      'idempotency-key': randomUUID(),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

describe('a scheme id two funders use, in the citizen web app', () => {
  let claimId: string;

  beforeAll(async () => {
    e2e = await startE2e();
    tokenOf = businessTokens(e2e.system.issuer);
    await call('employer-demo', 'POST', '/v1/schemes', { schemeId: sharedId, label: 'Ontwikkelbudget De Vries' });
    await call('employer-demo', 'POST', '/v1/employees', { bsn: citizen, startDate: '2020-01-01' });
    await call('employer-demo', 'POST', '/v1/deposits', { bsn: citizen, schemeId: sharedId, amount: 30_000 });
    await call('funder-rijk', 'POST', '/v1/deposits', { bsn: citizen, schemeId: sharedId, amount: 50_000 });
    const courseId = `e2e-shared-${randomUUID().slice(0, 8)}`;
    await call('provider-demo', 'POST', '/v1/courses', {
      courseId,
      title: 'Digitale vaardigheden',
      category: 'digitaal',
      price: 60_000,
    });
    const startDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    ({ claimId } = await call('provider-demo', 'POST', '/v1/claims', {
      bsn: citizen,
      courseId,
      amount: 60_000,
      startDate,
    }));
    ({ context, page } = await newPage(e2e.browser));
    await logInAs(page, e2e.origin, citizen);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await e2e?.stop();
  });

  it('shows a line per funder, lets the citizen split over both, and holds each part at its funder', async () => {
    await page.goto(`${e2e.origin}/claims/${encodeURIComponent(claimId)}`);
    const proposed = plain(await page.getByTestId('split').innerText());
    // The public money expires first (24 months; the employer's never does), so it pays first.
    expect(proposed).toContain('Ontwikkelbudget € 500,00');
    expect(proposed).toContain('Ontwikkelbudget De Vries € 100,00');

    await page.getByRole('button', { name: 'Verdeling aanpassen' }).click();
    const publicField = page.getByLabel('Bedrag uit Ontwikkelbudget', { exact: true });
    const employerField = page.getByLabel('Bedrag uit Ontwikkelbudget De Vries', { exact: true });
    await publicField.fill('100,00');
    await employerField.fill('300,00');
    expect(await accessibilityViolations(page), 'axe on the split editor').toEqual([]);
    await page.getByRole('button', { name: 'Verdeling gebruiken' }).click();
    const chosen = plain(await page.getByTestId('split').innerText());
    expect(chosen).toContain('Ontwikkelbudget € 100,00');
    expect(chosen).toContain('Ontwikkelbudget De Vries € 300,00');
    await page.getByRole('button', { name: 'Akkoord geven' }).click();
    await page.getByRole('button', { name: 'Ja, geef akkoord' }).click();
    await page.getByTestId('decision-result').waitFor();
    expect(plain(await page.getByTestId('decision-result').textContent())).toBe('U heeft akkoord gegeven');

    const claim = await call('provider-demo', 'GET', `/v1/claims/${encodeURIComponent(claimId)}`);
    expect(claim.parts).toEqual(
      expect.arrayContaining([
        { schemeId: sharedId, funderId: 'rijksoverheid', amount: 10_000 },
        { schemeId: sharedId, funderId: '12345678', amount: 30_000 },
      ]),
    );
    expect(claim.parts).toHaveLength(2);
  });
});
