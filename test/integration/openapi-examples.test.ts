import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../infra/local/demo-world.ts';
import { type DemoClientId, startTestSystem, type TestSystem } from '../support/local-system.ts';

/**
 * The served document's examples against the real local server, as someone trying the API with the
 * demo world of `npm start` would use them.
 *
 * What it asserts: every request example of the document (request bodies, and query parameters that
 * name an example) is accepted with a 2xx answer that the operation documents, when the operations are
 * sent once each in the order a user would meet them, starting from the seeded demo world, each by a
 * demo caller of a role the operation allows. No 4xx is tolerated, not even one for business state:
 * an example that names a scheme that does not exist, a date the rules refuse or a split the pots
 * cannot pay is a broken example. Two things are the test's own rather than the document's: each
 * money-moving request gets a fresh Idempotency-Key (a key is one request), and `{claimId}` is the id
 * of a claim the claim example made, since claim ids are handed out by the server; the documented
 * claim id example is checked on its own to be well-formed (404, never 400). The claim example is
 * sent three times (three keys) so that approve/capture, reject and cancel each have a claim of their own.
 *
 * Dates the rules bound relative to today (a claim's start, its evidence, a course's start dates) are
 * counted from the day the document is built, so the examples never age out; the others (an end of
 * employment in mid-2026, an audit period) stay valid for good.
 */

type Json = Record<string, any>;
type Caller = DemoClientId | 'citizen' | 'anyone';

const jan = demoCitizens[0].bsn;

/** The operations in the order they are sent, with who sends them and which claim their path names. */
const scenario: ReadonlyArray<{ operationId: string; as: Caller; claim?: 'approved' | 'rejected' | 'cancelled' }> = [
  { operationId: 'health', as: 'anyone' },
  { operationId: 'openapi', as: 'anyone' },
  { operationId: 'getOrganisation', as: 'employer-demo' },
  { operationId: 'createScheme', as: 'funder-rijk' },
  { operationId: 'listSchemes', as: 'funder-rijk' },
  { operationId: 'registerEmployee', as: 'employer-demo' },
  { operationId: 'previewEndEmployment', as: 'employer-demo' },
  { operationId: 'endEmployment', as: 'employer-demo' },
  { operationId: 'createDeposit', as: 'funder-rijk' },
  { operationId: 'createDepositBatch', as: 'funder-rijk' },
  { operationId: 'listDepositBatches', as: 'funder-rijk' },
  { operationId: 'getDepositBatch', as: 'funder-rijk' },
  { operationId: 'getAccount', as: 'citizen' },
  { operationId: 'listTransactions', as: 'citizen' },
  { operationId: 'createCourse', as: 'provider-demo' },
  { operationId: 'searchCourses', as: 'citizen' },
  { operationId: 'createClaim', as: 'provider-demo' },
  { operationId: 'listClaims', as: 'provider-demo' },
  { operationId: 'getClaim', as: 'provider-demo', claim: 'approved' },
  { operationId: 'listMyClaims', as: 'citizen' },
  { operationId: 'getAllocation', as: 'citizen', claim: 'approved' },
  { operationId: 'approveClaim', as: 'citizen', claim: 'approved' },
  { operationId: 'captureClaim', as: 'provider-demo', claim: 'approved' },
  { operationId: 'rejectClaim', as: 'citizen', claim: 'rejected' },
  { operationId: 'cancelClaim', as: 'provider-demo', claim: 'cancelled' },
  { operationId: 'listPayouts', as: 'provider-demo' },
  { operationId: 'reconciliation', as: 'auditor-demo' },
  { operationId: 'registerProvider', as: 'auditor-demo' },
  { operationId: 'listAudit', as: 'auditor-demo' },
  { operationId: 'usageReport', as: 'funder-rijk' },
];

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

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operation: Json;
}

function operations(): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, item] of Object.entries(document['paths'] as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
      found.set(operation['operationId'] as string, { method: method.toUpperCase(), path, operation });
    }
  }
  return found;
}

const parametersOf = (operation: Json): Json[] => (operation['parameters'] ?? []) as Json[];
const exampleOf = (parameter: Json): unknown => parameter['example'] ?? parameter['schema']?.['example'];

async function tokenFor(caller: Caller): Promise<string | undefined> {
  if (caller === 'anyone') return undefined;
  if (caller === 'citizen') return system.citizenToken(jan);
  return system.token(caller);
}

let keys = 0;

/** The batch the scenario's createDepositBatch made, for getDepositBatch's `{batchId}`. */
let batchId: string | undefined;

/** Sends an operation with the document's examples, `{claimId}` set to the given claim. */
async function send(operationId: string, caller: Caller, claimId?: string) {
  const found = operations().get(operationId);
  if (found === undefined) throw new Error(`the document has no operation ${operationId}`);
  const { method, operation } = found;
  const query = new URLSearchParams();
  let path = found.path;
  let idempotencyKey: string | undefined;
  for (const parameter of parametersOf(operation)) {
    const name = parameter['name'] as string;
    if (parameter['in'] === 'path' && name === 'batchId') {
      if (batchId === undefined) throw new Error(`${operationId} needs a batch for {batchId}`);
      path = path.replace('{batchId}', encodeURIComponent(batchId));
    } else if (parameter['in'] === 'path') {
      if (claimId === undefined) throw new Error(`${operationId} needs a claim for {${name}}`);
      path = path.replace(`{${name}}`, encodeURIComponent(claimId));
    } else if (parameter['in'] === 'header' && name === 'Idempotency-Key') {
      keys += 1;
      idempotencyKey = `openapi-example-${keys}`;
    } else if (parameter['in'] === 'query' && exampleOf(parameter) !== undefined) {
      query.set(name, String(exampleOf(parameter)));
    }
  }
  const body = operation['requestBody']?.['content']?.['application/json']?.['example'];
  const token = await tokenFor(caller);
  const response = await system.api(method, `${path}${query.size > 0 ? `?${query}` : ''}`, {
    ...(token !== undefined && { token }),
    ...(body !== undefined && { body }),
    ...(idempotencyKey !== undefined && { idempotencyKey }),
  });
  return { response, operation, sent: { method, path, query: String(query), body } };
}

describe('the request examples of the OpenAPI document', () => {
  it('sends every operation of the document, once, in the scenario', () => {
    expect(scenario.map((step) => step.operationId).sort()).toEqual([...operations().keys()].sort());
  });

  it('are each accepted by the demo world with a documented 2xx answer', async () => {
    const claims = new Map<string, string>();
    const refused: string[] = [];
    for (const step of scenario) {
      const sends = step.operationId === 'createClaim' ? ['approved', 'rejected', 'cancelled'] : [step.claim];
      for (const purpose of sends) {
        const claimId = step.operationId === 'createClaim' || purpose === undefined ? undefined : claims.get(purpose);
        const { response, operation, sent } = await send(step.operationId, step.as, claimId);
        const documented = Object.keys(operation['responses'] as Json).filter((status) => status.startsWith('2'));
        if (!documented.includes(String(response.status))) {
          refused.push(`${step.operationId} ${JSON.stringify(sent)} -> ${response.status} ${response.text}`);
        }
        if (step.operationId === 'createDepositBatch' && response.status === 202) {
          batchId = (response.body as Json)['batchId'] as string;
        }
        if (step.operationId === 'createClaim' && purpose !== undefined && response.status === 201) {
          claims.set(purpose, (response.body as Json)['claimId'] as string);
        }
      }
    }

    expect(refused).toEqual([]);
  });

  it('shows a well-formed claim id: sent as it is, it is unknown (404), not malformed (400)', async () => {
    const parameter = parametersOf(operations().get('getClaim')!.operation).find((p) => p['name'] === 'claimId')!;
    const example = exampleOf(parameter);
    expect(example).toEqual(expect.any(String));

    const response = await system.api('GET', `/v1/claims/${encodeURIComponent(String(example))}`, {
      token: await system.token('provider-demo'),
    });

    expect(response.status, response.text).toBe(404);
    expect(response.body).toMatchObject({ code: 'unknown_claim' });
  });
});

describe('the documented free-text pattern', () => {
  const samples: ReadonlyArray<[string, string]> = [
    ['NUL', '\u0000'],
    ['tab', '\t'],
    ['line feed', '\n'],
    ['unit separator', '\u001f'],
    ['DEL', '\u007f'],
    ['C1 next line', '\u0085'],
    ['C1 application program command', '\u009f'],
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', '\udfff'],
    ['reversed surrogate pair', '\ude00\ud83d'],
    ['no-break space', '\u00a0'],
    ['line separator', '\u2028'],
    ['e with acute', 'é'],
    ['emoji', '😀'],
  ];

  it.each(samples)('and the server agree on a label with a %s in it', async (_name, character) => {
    const label = (document['components']['schemas']['CreateSchemeRequest'] as Json)['properties']['label'] as Json;
    const pattern = label['pattern'] as string;
    const text = `Budget ${character} 2027`;
    const documented = new RegExp(pattern).test(text);
    // A client that compiles the pattern with the u flag reads it the same way.
    expect(new RegExp(pattern, 'u').test(text)).toBe(documented);

    const response = await system.api('POST', '/v1/schemes', {
      token: await system.token('funder-sector-demo'),
      body: { schemeId: `pattern-${character.codePointAt(0)!.toString(16)}`, label: text },
    });

    expect(response.status, response.text).toBe(documented ? 201 : 400);
    if (!documented) expect(response.body.errors).toEqual([expect.objectContaining({ path: 'body.label' })]);
  });

  it('refuses every control character, as the server does', () => {
    const label = (document['components']['schemas']['CreateSchemeRequest'] as Json)['properties']['label'] as Json;
    const pattern = new RegExp(label['pattern'] as string);
    for (const unit of [0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      expect(pattern.test(`a${String.fromCharCode(unit)}b`), `U+${unit.toString(16)}`).toBe(false);
    }
  });
});

describe('the ledger of this file’s system', () => {
  it('balances: every account sums to zero and matches its ledger entries', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
