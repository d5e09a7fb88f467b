import * as z from 'zod/mini';
import type { ApiTag, RouteContract } from '../../shared/api/contract.ts';
import { routes } from '../../shared/api/routes.ts';
import { deployedEdgeCodes, type ProblemCode, problemTable } from '../../shared/http/problem.ts';
import { bearerChallenge } from '../../shared/http/security-headers.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { contracts } from './contracts.ts';

type JsonSchema = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the route table and the same zod schemas the handlers
 * validate with. OpenAPI 3.1 uses JSON Schema 2020-12, which zod emits directly; named schemas
 * (`.check(z.meta({ id }))`) become shared components. `today` (`YYYY-MM-DD`, Europe/Amsterdam) dates the
 * request examples whose dates the rules bound relative to today.
 */
export function buildOpenApiDocument(today: string): JsonSchema {
  const components: Record<string, JsonSchema> = { Problem: problemSchema };
  const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const {
      $schema: _schema,
      $defs,
      ...rest
    } = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    Object.assign(components, $defs ?? {});
    if (io === 'input') {
      for (const node of [rest, ...Object.values($defs ?? {})]) withDateRange(node);
    }
    return rest;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const contract = contracts[route.functionName];
    if (contract === undefined) throw new Error(`buildOpenApiDocument: no contract for ${route.functionName}`);
    const isPublic = route.roles.length === 0;
    // Every route behind the token reads a body when one is sent (shared/http/request.ts): its size, media type and
    // syntax are checked before anything else, so each can answer 413, 415 and invalid_json.
    const readsBody = !isPublic && route.method === 'POST';
    const operation: Record<string, unknown> = {
      operationId: camelCase(route.functionName),
      tags: [contract.tag],
      summary: contract.summary,
      description: contract.description,
      ...(!isPublic && { 'x-roles': route.roles }),
      security: isPublic ? [] : [{ bearer: [] }],
      parameters: [...parameters(contract, toSchema), ...(route.movesMoney === true ? [idempotencyKeyParameter] : [])],
      ...(readsBody && { requestBody: requestBody(contract, toSchema, today) }),
      responses: {
        ...Object.fromEntries(
          Object.entries(contract.responses).map(([status, schema]) => [
            status,
            {
              description: 'Success',
              ...responseHeaders(contract.responseHeaders?.[Number(status)]),
              content: { 'application/json': { schema: toSchema(schema, 'output') } },
            },
          ]),
        ),
        ...problemResponses(problemCodesFor(route.movesMoney === true, isPublic, readsBody, contract)),
        ...(readsBody &&
          contract.bodyBytesMax === undefined && { '413': { $ref: '#/components/responses/PayloadTooLarge' } }),
        ...(readsBody && {
          '415':
            contract.csvBody === undefined
              ? { $ref: '#/components/responses/UnsupportedMediaType' }
              : {
                  description:
                    '`unsupported_media_type`: the body is neither JSON (`application/json`) nor CSV (`text/csv`).',
                  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
                },
        }),
        '429': { $ref: '#/components/responses/TooManyRequests' },
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Leerrekening API',
      version: '1.0.0',
      description:
        'The personal learning account. Amounts are integer euro cents. ' +
        'Every POST that moves money takes an Idempotency-Key header. ' +
        'Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
        `Request bodies are JSON (Content-Type: application/json), at most ${limits.requestBodyBytesMax} bytes. ` +
        'Lists take `limit` and an opaque `cursor` and answer `{ items, nextCursor? }`.',
      contact: { name: 'Leerrekening', url: 'https://leerrekening.nl' },
    },
    servers: [{ url: '/' }],
    tags: Object.entries(tagDescriptions).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components,
      responses: {
        PayloadTooLarge: {
          description: `\`payload_too_large\`: the body is larger than ${limits.requestBodyBytesMax} bytes.`,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
        TooManyRequests: {
          description:
            'Answered by the deployed edge, never by a handler: `throttled` or `quota_exceeded` when a business ' +
            'client passed the limits of its usage plan, `rate_limited` when one address sent too many requests. ' +
            'Retry later, with the same Idempotency-Key.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
        UnsupportedMediaType: {
          description: '`unsupported_media_type`: a body was sent without `Content-Type: application/json`.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

/** The document's operation groups, in the order a reader meets them. */
const tagDescriptions: Readonly<Record<ApiTag, string>> = {
  Service: 'Public: no token needed.',
  Organisation: 'Every business role: the organisation the caller acts for.',
  Schemes: 'Employers and funders define the rules for their money.',
  Employment: 'Employers register who works for them, and when employment ends.',
  Deposits: 'Employers and funders pay money into a person’s learning account.',
  'My account': 'The citizen’s own account: balance, entries, and the claims addressed to them.',
  Courses: 'Training providers publish courses; every signed-in role can search them.',
  Claims: 'Training providers claim funding for a course, and capture or cancel it.',
  Payouts: 'What training providers were paid.',
  Reports: 'Employers and funders: how their schemes are used, never per person or per course.',
  Administration: 'The auditor: reconciliation, provider registration and the audit trail.',
};

/**
 * The request body of a POST. A route without a body schema takes no body, or `{}` (what generated
 * clients send); a body schema that accepts no body (approve) makes the body optional.
 */
function requestBody(
  contract: RouteContract,
  toSchema: (schema: z.ZodMiniType, io: 'input') => JsonSchema,
  today: string,
): Record<string, unknown> {
  if (contract.body === undefined) {
    return {
      required: false,
      description: 'This request takes no body: send none, or `{}`.',
      content: { 'application/json': { schema: { type: 'object', maxProperties: 0 }, example: {} } },
    };
  }
  return {
    required: !contract.body.safeParse(undefined).success,
    ...(contract.bodyBytesMax !== undefined && { description: `At most ${contract.bodyBytesMax} bytes.` }),
    content: {
      'application/json': {
        schema: toSchema(contract.body, 'input'),
        ...(contract.bodyExample !== undefined && {
          example: typeof contract.bodyExample === 'function' ? contract.bodyExample(today) : contract.bodyExample,
        }),
      },
      ...(contract.csvBody !== undefined && {
        'text/csv': {
          schema: { type: 'string', description: contract.csvBody.description },
          example: contract.csvBody.example,
        },
      }),
    },
  };
}

/** The `headers` of a success response, when the contract names any. */
function responseHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  if (headers === undefined) return {};
  return {
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, description]) => [
        name,
        { description, required: true, schema: { type: 'string' } },
      ]),
    ),
  };
}

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      enum: [...Object.keys(problemTable), ...deployedEdgeCodes],
      description:
        'Stable and machine-readable. The deployed API Gateway and firewall answer some problems themselves: ' +
        `${deployedEdgeCodes.map((code) => `\`${code}\``).join(', ')}.`,
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    '1–128 printable ASCII characters. ' +
    'The same key with the same body returns the first answer and moves no money again.',
  schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x20-\\x7e]+$' },
};

function parameters(
  contract: RouteContract,
  toSchema: (schema: z.ZodMiniType, io: 'input') => JsonSchema,
): JsonSchema[] {
  const result: JsonSchema[] = [];
  for (const [location, schema] of [
    ['query', contract.query],
    ['path', contract.path],
  ] as const) {
    if (schema === undefined) continue;
    const object = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...schemaOfParameter } = property;
      result.push({
        name,
        in: location,
        ...(typeof description === 'string' && { description }),
        required: location === 'path' || (object.required ?? []).includes(name),
        schema: schemaOfParameter,
      });
    }
  }
  return result;
}

function problemCodesFor(
  movesMoney: boolean,
  isPublic: boolean,
  readsBody: boolean,
  contract: RouteContract,
): ProblemCode[] {
  const codes = new Set<ProblemCode>(isPublic ? [] : ['validation_failed', 'unauthorized', 'forbidden']);
  if (readsBody) codes.add('invalid_json');
  // Every route that moves money commits through idempotentMovement, which answers concurrent_update
  // when each of its attempts lost a race (shared/application/idempotent-movement.ts).
  if (movesMoney) {
    codes.add('idempotency_key_missing');
    codes.add('concurrent_update');
  }
  for (const code of contract.problems ?? []) codes.add(code);
  return [...codes];
}

function problemResponses(codes: readonly ProblemCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes)
    byStatus.set(problemTable[code].status, [...(byStatus.get(problemTable[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, statusCodes]) => [
      String(status),
      {
        description: statusCodes.map((code) => `\`${code}\``).join(', '),
        ...(status === 401 && { headers: { 'WWW-Authenticate': bearerChallengeHeader } }),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
}

/** RFC 6750 §3: every 401 names the scheme the API takes (shared/http/security-headers.ts). */
const bearerChallengeHeader = {
  description:
    `\`${bearerChallenge.noToken}\`, with \`error="invalid_token"\` added when a bearer token was sent and ` +
    'refused (expired, not for this API, or of the wrong kind): get a new token. API Gateway answers both ' +
    'cases with one response, so it may add the error when no token was sent too.',
  required: true,
  schema: { type: 'string', example: bearerChallenge.invalidToken },
};

/**
 * Every date a request takes lies from `limits.dateMin` to `limits.dateMax` (`dateField`); a
 * refinement does not show in JSON Schema, so the range is added to the description of each date,
 * after whatever the route says of it.
 */
function withDateRange(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  for (const inner of Object.values(node)) withDateRange(inner);
  const schema = node as JsonSchema;
  if (schema['format'] !== 'date' || schema['type'] !== 'string') return;
  const range = `A real date from ${limits.dateMin} to ${limits.dateMax}.`;
  const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
  if (description?.includes(range) === true) return;
  schema['description'] = description === undefined ? range : `${description} ${range}`;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
