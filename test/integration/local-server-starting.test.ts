import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../infra/local/server.ts';

/**
 * The local server listens before the system has finished starting (the token issuer's address
 * needs the port). A request in that moment must get a clear 503 to retry, not a 500 from a handler
 * whose configuration is not there yet.
 */

let ready = false;
let origin: string;
const server = createLocalServer({
  oidc: { issuer: '', handle: (_request, response) => response.writeHead(503).end() },
  web: (_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('web'),
  ready: () => ready,
});

beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

describe('the local server while the system starts', () => {
  it('answers the API with 503 problem+json and Retry-After, and serves the web app', async () => {
    const api = await fetch(`${origin}/v1/deposit-batches`, { method: 'POST', body: 'bsn;schemeId;amount\n' });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('1');
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await api.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });

  it('serves the API once the system is ready', async () => {
    ready = true;
    const health = await fetch(`${origin}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
