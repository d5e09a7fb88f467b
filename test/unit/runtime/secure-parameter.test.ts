import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * A stand-in for the Parameters and Secrets Lambda Extension on localhost: it answers
 * `GET /systemsmanager/parameters/get?name=…&withDecryption=true` as the extension does, and only
 * to the session token it was given.
 */
const sessionToken = 'session-token-of-this-function';
const extension = { requests: [] as string[], fail: new Set<string>(), answers: new Map<string, string>() };
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const name = url.searchParams.get('name') ?? '';
    extension.requests.push(name);
    if (request.headers['x-aws-parameters-secrets-token'] !== sessionToken) {
      response.writeHead(401).end('not authorized');
      return;
    }
    if (url.pathname !== '/systemsmanager/parameters/get' || url.searchParams.get('withDecryption') !== 'true') {
      response.writeHead(400).end('bad request');
      return;
    }
    if (extension.fail.delete(name)) {
      response.writeHead(500).end('Parameter Store is unreachable');
      return;
    }
    const answer = extension.answers.get(name);
    response
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(answer ?? JSON.stringify({ Parameter: { Name: name, Type: 'SecureString', Value: `value of ${name}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  vi.resetModules();
  extension.requests = [];
  extension.fail.clear();
  extension.answers.clear();
  vi.stubEnv('AWS_SESSION_TOKEN', sessionToken);
  vi.stubEnv('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', String((server.address() as AddressInfo).port));
  return () => vi.unstubAllEnvs();
});

const load = () => import('../../../shared/runtime/environment.ts');

describe('secureParameter', () => {
  it('reads each parameter once from the extension, with the session token, and keeps it', async () => {
    const { secureParameter } = await load();
    const [secret, key] = await Promise.all([secureParameter('/a/secret'), secureParameter('/a/key')]);
    expect([secret, key]).toEqual(['value of /a/secret', 'value of /a/key']);
    expect(await secureParameter('/a/secret')).toBe('value of /a/secret');
    expect(extension.requests.sort()).toEqual(['/a/key', '/a/secret']);
  });

  it('forgets a failed fetch, so the next call fetches again', async () => {
    const { secureParameter } = await load();
    extension.fail.add('/a/secret');
    await expect(secureParameter('/a/secret')).rejects.toThrow('/a/secret answered 500');
    expect(await secureParameter('/a/secret')).toBe('value of /a/secret');
    expect(extension.requests).toEqual(['/a/secret', '/a/secret']);
  });

  it('refuses an answer without a value, and one that is not JSON without quoting it', async () => {
    const { secureParameter } = await load();
    extension.answers.set('/a/empty', JSON.stringify({ Parameter: { Name: '/a/empty' } }));
    extension.answers.set('/a/garbled', 'secret-text{');
    await expect(secureParameter('/a/empty')).rejects.toThrow('/a/empty has no value');
    const garbled = secureParameter('/a/garbled');
    await expect(garbled).rejects.toThrow('the answer for /a/garbled is not JSON');
    await expect(garbled).rejects.not.toThrow('secret-text');
  });

  it('fails without asking when the session token the extension requires is missing', async () => {
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    const { secureParameter } = await load();
    await expect(secureParameter('/a/secret')).rejects.toThrow('AWS_SESSION_TOKEN is not set');
    expect(extension.requests).toEqual([]);
  });

  it('sends the parameter name encoded, so a name cannot add query parameters of its own', async () => {
    const { secureParameter } = await load();
    expect(await secureParameter('/a/b&withDecryption=false')).toBe('value of /a/b&withDecryption=false');
    expect(extension.requests).toEqual(['/a/b&withDecryption=false']);
  });
});

describe('personIdSecretFromEnvironment', () => {
  it('takes PERSON_ID_SECRET locally and asks the extension for the parameter in AWS', async () => {
    vi.stubEnv('PERSON_ID_SECRET', 'local-secret');
    expect(await (await load()).personIdSecretFromEnvironment()).toBe('local-secret');
    vi.resetModules();
    vi.stubEnv('PERSON_ID_SECRET', undefined);
    vi.stubEnv('PERSON_ID_SECRET_PARAMETER', '/leerrekening/person-id-secret');
    expect(await (await load()).personIdSecretFromEnvironment()).toBe('value of /leerrekening/person-id-secret');
    expect(extension.requests).toEqual(['/leerrekening/person-id-secret']);
  });
});
