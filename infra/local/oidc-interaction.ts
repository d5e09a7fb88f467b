/**
 * The interaction endpoint of the local OpenID Connect provider (`/oidc/interaction/<uid>`): the
 * BSN login form that stands in for DigiD, the organisation login form of the business portal that
 * stands in for eHerkenning, and the consent that is implied for both apps.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import { portalClientId } from './oidc-configuration.ts';
import { grantFor } from './oidc-grants.ts';
import { expiredPage, loginPage, portalLoginPage, sendHtml } from './oidc-pages.ts';
import type { InteractionDetails, OidcProvider, OidcProviderModule } from './oidc-provider-module.ts';

/** The login form is one or two short fields: anything larger is not a real submission. */
const formBodyBytesMax = 4 * 1024;

/**
 * Locally every organisation has one portal user, the demo employee. Their user id is a keyed hash
 * of the organisation and this name: stable across restarts, so the audit trail of one organisation
 * keeps naming the same user, and different per organisation. A pseudonym, never a BSN.
 */
const demoPortalUserName = 'demo-medewerker';
const demoPortalUserKey = 'leerrekening-local-portal-users';

/** The demo portal user of an organisation: `usr_` and 32 hex characters. */
function demoPortalUserId(orgClientId: string): string {
  const digest = createHmac('sha256', demoPortalUserKey).update(`${orgClientId}\n${demoPortalUserName}`).digest('hex');
  return `usr_${digest.slice(0, 32)}`;
}

export interface InteractionHandlerOptions {
  readonly provider: OidcProvider;
  readonly errors: OidcProviderModule['errors'];
  /** Where the provider is mounted, so the form posts back to the same interaction. */
  readonly mountPath: string;
  /** Key for the citizen's account id (`sub`), a pseudonym of the BSN. */
  readonly subjectSecret: string;
  /** Receives the BSN of every account that logs in; the provider's configuration reads it. */
  readonly bsnByAccountId: Map<string, string>;
  /** The organisations one can log in to the business portal for: business client id and name. */
  readonly portalOrganisations: ReadonlyArray<{ readonly clientId: string; readonly name: string }>;
  /** Receives the organisation of every portal user that logs in; the provider's configuration reads it. */
  readonly orgClientIdByAccountId: Map<string, string>;
}

/**
 * Builds the handler of the interaction endpoint: the login form on GET, the login on POST, and the
 * implied consent. `uid` is the interaction named in the path.
 */
export function createInteractionHandler(
  options: InteractionHandlerOptions,
): (req: IncomingMessage, res: ServerResponse, uid: string) => Promise<void> {
  const { provider, errors, mountPath, subjectSecret, bsnByAccountId, portalOrganisations, orgClientIdByAccountId } =
    options;
  const knownOrganisations = new Set(portalOrganisations.map((organisation) => organisation.clientId));

  return async function handleInteraction(req, res, uid) {
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        sendHtml(res, 400, expiredPage());
        return;
      }
      throw error;
    }
    // The cookie names the interaction the browser is in; an old tab posts to another one.
    if (details.uid !== uid) {
      sendHtml(res, 400, expiredPage());
      return;
    }
    const formAction = `${mountPath}/interaction/${uid}`;

    if (details.prompt.name === 'consent') {
      // Consent is implied for `web` (see loadExistingGrant); grant what is missing should the
      // prompt still come up, as oidc-provider's own example does after the user agrees.
      const grant = await grantFor(
        provider.Grant,
        details.params.client_id,
        details.session?.accountId,
        details.grantId,
      );
      const missing = details.prompt.details;
      if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: grant.jti } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (details.prompt.name !== 'login') {
      sendHtml(res, 400, expiredPage());
      return;
    }
    const forPortal = details.params.client_id === portalClientId;
    const page = forPortal
      ? (state: { error?: string; value?: string }) =>
          portalLoginPage({ formAction, organisations: portalOrganisations, ...state })
      : (state: { error?: string; value?: string }) => loginPage({ formAction, ...state });
    if (req.method === 'GET') {
      sendHtml(res, 200, page({}));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    // No CSRF token is needed: the interaction cookie is SameSite=Lax, so a cross-site POST
    // arrives without it and interactionDetails above already refused it.
    const form = await readForm(req);
    if (form === undefined) {
      sendHtml(res, 400, page({ error: 'Dit formulier kunnen we niet lezen. Probeer het opnieuw.' }));
      return;
    }
    if (forPortal) {
      // The typed code wins over the choice in the list: someone who typed one meant it.
      const typed = (form.get('organisatiecode') ?? '').trim();
      const entered = typed === '' ? (form.get('organisatie') ?? '').trim() : typed;
      if (!knownOrganisations.has(entered)) {
        const error =
          entered === ''
            ? 'Kies de organisatie waarvoor u werkt.'
            : 'Deze organisatie kennen we niet. Kies een organisatie uit de lijst of kijk de code na.';
        sendHtml(res, 400, page({ error, value: typed }));
        return;
      }
      const accountId = demoPortalUserId(entered);
      orgClientIdByAccountId.set(accountId, entered);
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    // People write a BSN with spaces or dots; only the nine digits count.
    const entered = form.get('bsn') ?? '';
    const bsn = entered.replace(/[\s.]/g, '');
    if (!isValidBsn(bsn)) {
      const error =
        'Dit burgerservicenummer klopt niet. Een BSN heeft 9 cijfers. Kijk het nummer na en probeer het opnieuw.';
      sendHtml(res, 400, page({ error, value: entered }));
      return;
    }
    const accountId = personIdFromBsn(bsn, subjectSecret);
    bsnByAccountId.set(accountId, bsn);
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  };
}

/** The submitted form, or undefined when it is not a form or larger than a login form can be. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > formBodyBytesMax) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
