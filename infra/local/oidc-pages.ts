/**
 * The pages of the local OpenID Connect provider, in Dutch at language level B1: the BSN login
 * form that stands in for DigiD, the business portal's organisation login form that stands in for
 * eHerkenning, logout, and the error pages. Static HTML without scripts.
 */
import type { ServerResponse } from 'node:http';

/** Sends one of these pages, uncached and unframeable. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // The pages have no scripts and no outside resources; nobody may frame the login form.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(html);
}

/** Escapes text for HTML content and quoted attribute values. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const pageStyle = `
  body {
    font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; margin: 0;
    color: #1a1a1a; background: #f5f5f5;
  }
  main { max-width: 32rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 0.5rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  .hint { color: #4a4a4a; margin: 0.25rem 0; }
  input {
    font-size: 1.25rem; padding: 0.5rem; width: 100%; box-sizing: border-box;
    border: 2px solid #4a4a4a; border-radius: 0.25rem;
  }
  input[aria-invalid="true"] { border-color: #b00020; }
  fieldset { border: 0; padding: 0; margin: 1rem 0 0; }
  legend { font-weight: 600; padding: 0; }
  .choice { display: flex; gap: 0.75rem; align-items: center; margin: 0.5rem 0; }
  .choice input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; }
  .choice label { margin: 0; font-weight: 400; }
  input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  input:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .error { color: #b00020; font-weight: 600; }
  .note { background: #fff4ce; padding: 0.75rem 1rem; border-left: 4px solid #8a6d00; }
  button {
    margin-top: 1.5rem; font-size: 1.125rem; padding: 0.75rem 1.5rem;
    color: #fff; background: #154273; border: 0; border-radius: 0.25rem; cursor: pointer;
  }
`;

/** The frame every page shares: language, viewport, title and the inline style. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Leerrekening</title>
<style>${pageStyle}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The BSN login form, in Dutch at language level B1. */
export function loginPage({
  formAction,
  error,
  value,
}: {
  formAction: string;
  error?: string;
  value?: string;
}): string {
  const errorBlock = error === undefined ? '' : `<p id="bsn-fout" class="error" role="alert">${escapeHtml(error)}</p>`;
  const describedBy = error === undefined ? 'bsn-uitleg' : 'bsn-uitleg bsn-fout';
  const invalid = error === undefined ? '' : ' aria-invalid="true" autofocus';
  return page(
    error === undefined ? 'Inloggen' : 'Fout: Inloggen',
    `<h1>Inloggen</h1>
<p class="note">Dit is een testomgeving. U logt hier in zonder DigiD. Vul een test-BSN in.</p>
<form method="post" action="${escapeHtml(formAction)}" novalidate>
<label for="bsn">Uw burgerservicenummer (BSN)</label>
<p id="bsn-uitleg" class="hint">Een BSN heeft 9 cijfers.</p>
${errorBlock}
<input id="bsn" name="bsn" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="20"
  aria-describedby="${describedBy}"${invalid} value="${escapeHtml(value ?? '')}">
<button type="submit">Inloggen</button>
</form>`,
  );
}

/**
 * The business portal's login form, in Dutch at language level B1: it stands in for eHerkenning
 * and asks only for the organisation. Locally it lists the organisations one can choose; a code can
 * also be typed, so someone who knows it need not look for it. `value` is the typed code.
 */
export function portalLoginPage({
  formAction,
  organisations,
  error,
  value,
}: {
  formAction: string;
  organisations: ReadonlyArray<{ readonly clientId: string; readonly name: string }>;
  error?: string;
  value?: string;
}): string {
  const errorBlock =
    error === undefined ? '' : `<p id="organisatie-fout" class="error" role="alert">${escapeHtml(error)}</p>`;
  const describedBy = error === undefined ? '' : ' aria-describedby="organisatie-fout"';
  const invalid = error === undefined ? '' : ' aria-invalid="true"';
  const codeDescribedBy = error === undefined ? 'code-uitleg' : 'code-uitleg organisatie-fout';
  const choices = organisations
    .map(
      ({ clientId, name }, index) =>
        `<div class="choice"><input type="radio" id="organisatie-${index}" name="organisatie" ` +
        `value="${escapeHtml(clientId)}"><label for="organisatie-${index}">${escapeHtml(name)} ` +
        `<span class="hint">(code ${escapeHtml(clientId)})</span></label></div>`,
    )
    .join('\n');
  return page(
    error === undefined ? 'Inloggen Zakelijk' : 'Fout: Inloggen Zakelijk',
    `<h1>Inloggen voor uw organisatie</h1>
<p class="note">Dit is een testomgeving. U logt hier in zonder eHerkenning. Kies de organisatie waarvoor u werkt.</p>
<form method="post" action="${escapeHtml(formAction)}" novalidate>
${errorBlock}
<fieldset${describedBy}>
<legend>Voor welke organisatie werkt u?</legend>
${choices}
</fieldset>
<label for="organisatiecode">Of vul de code van uw organisatie in</label>
<p id="code-uitleg" class="hint">Bijvoorbeeld employer-demo. Laat dit leeg als u hierboven een organisatie kiest.</p>
<input id="organisatiecode" name="organisatiecode" type="text" autocomplete="off" spellcheck="false" maxlength="100"
  aria-describedby="${codeDescribedBy}"${invalid} value="${escapeHtml(value ?? '')}">
<button type="submit">Inloggen</button>
</form>`,
  );
}

/** The page for an interaction that has expired or that the browser is no longer in. */
export function expiredPage(): string {
  return errorPage('Uw inlogpoging is verlopen', 'Ga terug naar Leerrekening en log opnieuw in.');
}

/** A page with a title and one sentence of explanation. */
export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** oidc-provider's error page, in Dutch; the technical details stay visible for developers. */
export async function renderError(
  ctx: { type: string; body: unknown },
  out: { error?: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  const details = [out.error, out.error_description].filter((part) => part !== undefined).join(': ');
  ctx.body = page(
    'Er ging iets mis',
    '<h1>Er ging iets mis</h1>\n<p>Ga terug naar Leerrekening en probeer het opnieuw.</p>\n' +
      `<p class="hint">Technische melding: ${escapeHtml(details)}</p>`,
  );
}

/** The confirmation page of RP-initiated logout; `form` is the provider's hidden logout form. */
export async function logoutSource(ctx: { body: unknown }, form: string): Promise<void> {
  ctx.body = page(
    'Uitloggen',
    `<h1>Uitloggen</h1>
<p>Wilt u uitloggen bij Leerrekening?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, uitloggen</button>
<button type="submit" form="op.logoutForm">Nee, ingelogd blijven</button>`,
  );
}

/** The page after logout. */
export async function postLogoutSuccessSource(ctx: { body: unknown }): Promise<void> {
  ctx.body = page('U bent uitgelogd', '<h1>U bent uitgelogd</h1>\n<p>U kunt dit venster sluiten.</p>');
}
