import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firewallProblems } from '../../infra/api-firewall.ts';
import { gatewayProblems } from '../../infra/gateway-problems.ts';
import { routes } from '../../shared/api/routes.ts';
import { startTestSystem, type TestSystem } from '../support/local-system.ts';

/**
 * The served OpenAPI document, as a client generator would read it: fetched without a token from
 * the running system, and checked against the route table the server routes by.
 */

type Json = Record<string, unknown>;

let system: TestSystem;
let document: Json;

beforeAll(async () => {
  system = await startTestSystem();
  const response = await system.api<Json>('GET', '/v1/openapi.json');
  expect(response.status, response.text).toBe(200);
  document = response.body;
});

afterAll(async () => {
  await system?.stop();
});

/** Resolves a local JSON Pointer reference (`#/components/schemas/Deposit`) in the document. */
function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const token of ref.slice(2).split('/')) {
    const name = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, name)) return undefined;
    node = (node as Json)[name];
  }
  return node;
}

/** Every `$ref` anywhere in a JSON value, with where it was found. */
function references(node: unknown, at = '#'): Array<{ at: string; ref: string }> {
  if (typeof node !== 'object' || node === null) return [];
  const found: Array<{ at: string; ref: string }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.push({ at, ref: value });
    else found.push(...references(value, `${at}/${key}`));
  }
  return found;
}

/** A schema with its `$ref` followed, as a reader of the document would. */
function dereferenced(schema: unknown): Json {
  const ref = (schema as Json | undefined)?.['$ref'];
  return (typeof ref === 'string' ? resolve(ref) : schema) as Json;
}

function operation(path: string, method: string): Json | undefined {
  const item = (document['paths'] as Record<string, Json | undefined>)[path];
  return item?.[method.toLowerCase()] as Json | undefined;
}

function headerParameters(path: string, method: string): Json[] {
  return ((operation(path, method)?.['parameters'] ?? []) as Json[]).filter(
    (parameter) => parameter['in'] === 'header',
  );
}

describe('GET /v1/openapi.json', () => {
  it('is served without a token as JSON, and is an OpenAPI 3.1.0 document', async () => {
    const response = await system.api('GET', '/v1/openapi.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(document['openapi']).toBe('3.1.0');
    expect(document['info']).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('has every route of the route table with its method, and no others', () => {
    const served = Object.entries(document['paths'] as Record<string, Json>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(served.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(
    routes
      .filter((route) => route.movesMoney === true)
      .map((route) => [`${route.method} ${route.path}`, route] as const),
  )('%s moves money, so it requires the Idempotency-Key header', (_name, route) => {
    expect(headerParameters(route.path, route.method)).toEqual([
      expect.objectContaining({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        schema: expect.objectContaining({ maxLength: 128 }),
      }),
    ]);
  });

  it('asks no Idempotency-Key of routes that move no money', () => {
    for (const route of routes.filter((candidate) => candidate.movesMoney !== true)) {
      expect(headerParameters(route.path, route.method), `${route.method} ${route.path}`).toEqual([]);
    }
  });

  it('asks a bearer token on every route but the public ones, with the roles that may call it', () => {
    for (const route of routes) {
      const security = operation(route.path, route.method)?.['security'];
      if (route.roles.length === 0) {
        expect(security, `${route.method} ${route.path}`).toEqual([]);
      } else {
        expect(security, `${route.method} ${route.path}`).toEqual([{ bearer: [] }]);
        expect(operation(route.path, route.method)?.['x-roles']).toEqual(route.roles);
      }
    }
    expect(resolve('#/components/securitySchemes/bearer')).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('resolves every $ref inside the document', () => {
    const found = references(document);

    expect(found.length).toBeGreaterThan(0);
    expect(found.filter(({ ref }) => resolve(ref) === undefined)).toEqual([]);
  });

  it(
    'describes the deposit request as bsn, schemeId and amount required, ' +
      'whole positive cents, and no other fields',
    () => {
      const requestBody = operation('/v1/deposits', 'POST')?.['requestBody'] as Json;
      const schema = dereferenced(((requestBody['content'] as Json)['application/json'] as Json)['schema']);

      expect(requestBody['required']).toBe(true);
      expect(schema['type']).toBe('object');
      expect(schema['required']).toEqual(expect.arrayContaining(['bsn', 'schemeId', 'amount']));
      expect(schema['required']).not.toContain('reference');
      expect(schema['additionalProperties']).toBe(false);
      const properties = schema['properties'] as Record<string, Json>;
      expect(Object.keys(properties).sort()).toEqual(['amount', 'bsn', 'reference', 'schemeId']);
      expect(properties['amount']).toMatchObject({ type: 'integer', maximum: 10_000_000 });
      expect(properties['bsn']).toMatchObject({ type: 'string', pattern: expect.any(String) });
    },
  );

  it('names the deposit’s answers: 201 with the deposit, and problems as application/problem+json', () => {
    const responses = operation('/v1/deposits', 'POST')?.['responses'] as Record<string, Json>;
    const created = dereferenced(((responses['201']!['content'] as Json)['application/json'] as Json)['schema']);

    expect(created['required']).toEqual(expect.arrayContaining(['depositId', 'schemeId', 'amount', 'at']));
    for (const status of ['400', '401', '403', '409', '422']) {
      expect(Object.keys(responses[status]?.['content'] as Json), status).toEqual(['application/problem+json']);
    }
    expect(responses['409']?.['description']).toMatch(/idempotency_key_reused/);
    expect(responses['409']?.['description']).toMatch(/budget_exceeded/);
    expect(responses['422']?.['description']).toMatch(/unknown_person/);
  });
});

describe('GET /v1/openapi.json, for readers and generators', () => {
  it('gives every operation an operationId, a defined tag, a summary and a description', () => {
    const tags = new Set(((document['tags'] ?? []) as Json[]).map((tag) => tag['name']));
    for (const route of routes) {
      const found = operation(route.path, route.method)!;
      expect(found['operationId'], `${route.method} ${route.path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(found['tags'], `${route.method} ${route.path}`).toEqual([expect.any(String)]);
      expect(tags.has((found['tags'] as string[])[0]), `${route.method} ${route.path}`).toBe(true);
      expect(found['summary'], `${route.method} ${route.path}`).toEqual(expect.any(String));
      expect(found['description'], `${route.method} ${route.path}`).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('documents 413 and 415 on every POST that takes a token, as the handlers answer them', () => {
    for (const route of routes.filter((candidate) => candidate.method === 'POST' && candidate.roles.length > 0)) {
      const responses = operation(route.path, route.method)?.['responses'] as Record<string, Json>;
      if (route.functionName === 'create-deposit-batch') {
        // A bulk upload has a larger limit of its own, and takes CSV as well as JSON.
        expect(responses['413']?.['description']).toBe('`batch_too_large`');
        expect(responses['415']?.['description']).toMatch(/neither JSON .* nor CSV/);
        continue;
      }
      expect(responses['413'], `${route.method} ${route.path}`).toEqual({
        $ref: '#/components/responses/PayloadTooLarge',
      });
      expect(responses['415'], `${route.method} ${route.path}`).toEqual({
        $ref: '#/components/responses/UnsupportedMediaType',
      });
    }
  });

  it('makes the approve body optional, and lets a bodyless POST take {} only', () => {
    const approve = operation('/v1/me/claims/{claimId}/approve', 'POST')?.['requestBody'] as Json;
    const cancel = operation('/v1/claims/{claimId}/cancel', 'POST')?.['requestBody'] as Json;

    expect(approve['required']).toBe(false);
    expect(cancel).toMatchObject({
      required: false,
      content: { 'application/json': { schema: { type: 'object', maxProperties: 0 } } },
    });
  });

  it('documents the WWW-Authenticate challenge on every 401, as RFC 6750 §3 has the API send it', () => {
    for (const route of routes.filter((candidate) => candidate.roles.length > 0)) {
      const unauthorized = dereferenced(((operation(route.path, route.method)?.['responses'] ?? {}) as Json)['401']);
      const headers = (unauthorized['headers'] ?? {}) as Record<string, Json>;
      expect(headers['WWW-Authenticate'], `${route.method} ${route.path}`).toMatchObject({
        required: true,
        schema: { type: 'string' },
      });
    }
  });

  it('lists concurrent_update on every route that can lose a race and give up on it', () => {
    const racing = routes.filter((route) => route.movesMoney === true || route.functionName === 'reject-claim');
    expect(racing.length).toBeGreaterThan(1);
    for (const route of racing) {
      const conflict = dereferenced(((operation(route.path, route.method)?.['responses'] ?? {}) as Json)['409']);
      expect(conflict?.['description'], `${route.method} ${route.path}`).toContain('`concurrent_update`');
    }
  });

  it('states the range of dates the API accepts wherever it takes a date', () => {
    const createClaim = operation('/v1/claims', 'POST')?.['requestBody'] as Json;
    const body = dereferenced(((createClaim['content'] as Json)['application/json'] as Json)['schema']) as {
      properties: Record<string, Json>;
    };
    const audit = (operation('/v1/admin/audit', 'GET')?.['parameters'] ?? []) as Json[];

    expect(body.properties['startDate']?.['description']).toContain('2000-01-01 to 2100-12-31');
    expect(audit.find((parameter) => parameter['name'] === 'from')?.['description']).toContain(
      '2000-01-01 to 2100-12-31',
    );
  });

  it('names in the Problem code enum what API Gateway and the firewall answer on their own, and 429 everywhere', () => {
    const problem = dereferenced({ $ref: '#/components/schemas/Problem' }) as {
      properties: { code: { enum: string[] } };
    };
    const deployed = [
      ...gatewayProblems.map((gatewayProblem) => gatewayProblem.code),
      ...Object.values(firewallProblems).map((firewallProblem) => firewallProblem.code),
    ];

    expect(problem.properties.code.enum).toEqual(expect.arrayContaining(deployed));
    for (const route of routes) {
      const tooMany = dereferenced(((operation(route.path, route.method)?.['responses'] ?? {}) as Json)['429']);
      expect(tooMany?.['description'], `${route.method} ${route.path}`).toContain('`throttled`');
      expect(tooMany?.['description'], `${route.method} ${route.path}`).toContain('`rate_limited`');
    }
  });

  it('writes free-text patterns without Unicode property classes, which many regex dialects lack', () => {
    const patterns = JSON.stringify(document).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? [];

    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((pattern) => /\\\\[pP]\{/.test(pattern))).toEqual([]);
  });
});

describe('GET /v1/health', () => {
  it('answers 200 { status: "ok" } without a token', async () => {
    const response = await system.api('GET', '/v1/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});

describe('the ledger of this file’s system', () => {
  it('balances: every account sums to zero and matches its ledger entries', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
