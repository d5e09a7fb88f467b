import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { routes } from '../../shared/api/routes.ts';
import { type ProblemCode, problemTable } from '../../shared/http/problem.ts';
import { contracts } from './contracts.ts';

type JsonSchema = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the route table and the same zod schemas the handlers
 * validate with. OpenAPI 3.1 uses JSON Schema 2020-12, which zod emits directly; named schemas
 * (`.meta({ id })`) become shared components.
 */
export function buildOpenApiDocument(): JsonSchema {
  const components: Record<string, JsonSchema> = { Problem: problemSchema };
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const {
      $schema: _schema,
      $defs,
      ...rest
    } = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    Object.assign(components, $defs ?? {});
    return rest;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const contract = contracts[route.functionName];
    if (contract === undefined) throw new Error(`buildOpenApiDocument: no contract for ${route.functionName}`);
    const isPublic = route.roles.length === 0;
    const operation: Record<string, unknown> = {
      operationId: camelCase(route.functionName),
      summary: contract.summary,
      ...(contract.description !== undefined && { description: contract.description }),
      ...(!isPublic && { 'x-roles': route.roles }),
      security: isPublic ? [] : [{ bearer: [] }],
      parameters: [...parameters(contract, toSchema), ...(route.movesMoney === true ? [idempotencyKeyParameter] : [])],
      ...(contract.body !== undefined && {
        requestBody: { required: true, content: { 'application/json': { schema: toSchema(contract.body, 'input') } } },
      }),
      responses: {
        ...Object.fromEntries(
          Object.entries(contract.responses).map(([status, schema]) => [
            status,
            { description: 'Success', content: { 'application/json': { schema: toSchema(schema, 'output') } } },
          ]),
        ),
        ...problemResponses(problemCodesFor(route.movesMoney === true, isPublic, contract)),
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
        'Errors are application/problem+json (RFC 9457) with a stable `code`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
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
    code: { type: 'string', enum: Object.keys(problemTable) },
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

function parameters(contract: RouteContract, toSchema: (schema: z.ZodType, io: 'input') => JsonSchema): JsonSchema[] {
  const result: JsonSchema[] = [];
  for (const [location, schema] of [
    ['query', contract.query],
    ['path', contract.path],
  ] as const) {
    if (schema === undefined) continue;
    const object = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      result.push({
        name,
        in: location,
        required: location === 'path' || (object.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return result;
}

function problemCodesFor(movesMoney: boolean, isPublic: boolean, contract: RouteContract): ProblemCode[] {
  const codes = new Set<ProblemCode>(isPublic ? [] : ['validation_failed', 'unauthorized', 'forbidden']);
  if (movesMoney) codes.add('idempotency_key_missing');
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
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
