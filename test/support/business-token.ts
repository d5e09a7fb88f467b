import { demoClients } from '../../infra/local/demo-world.ts';

/** A business client that gets its tokens with client credentials. */
export interface BusinessClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A client-credentials access token from the issuer's token endpoint, the client authenticated with HTTP Basic. */
export async function clientCredentialsToken(issuer: string, client: BusinessClient): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  if (response.status !== 200)
    throw new Error(`token: ${client.clientId} got ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Tokens for the business clients of one issuer, fetched once per client: the promise is kept, and
 * forgotten when it fails, so one failure is not repeated for every test.
 */
export function businessTokens(
  issuer: string,
  clients: readonly BusinessClient[] = demoClients,
): (clientId: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (clientId) => {
    let token = tokens.get(clientId);
    if (token === undefined) {
      const client = clients.find((candidate) => candidate.clientId === clientId);
      if (client === undefined) return Promise.reject(new Error(`token: no known client ${clientId}`));
      token = clientCredentialsToken(issuer, client);
      tokens.set(clientId, token);
      token.catch(() => tokens.delete(clientId));
    }
    return token;
  };
}
