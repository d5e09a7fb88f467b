import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/openapi/use-case.ts';

type Json = Record<string, any>;

const claimExampleStart = (document: Json): string =>
  document['paths']['/v1/claims']['post']['requestBody']['content']['application/json']['example']['startDate'];

describe('the OpenAPI use case', () => {
  it('dates the examples by the clock it is handed, and builds the document again when the day changes', async () => {
    let now = new Date('2031-03-10T12:00:00Z');
    const dependencies = { now: () => now };
    const first = await openApiDocument(dependencies);
    expect(first.statusCode).toBe(200);
    expect(claimExampleStart(first.body as Json)).toBe('2031-02-24');

    now = new Date('2031-03-10T20:00:00Z');
    const sameDay = await openApiDocument(dependencies);
    expect(sameDay.body).toBe(first.body);

    // 23:30 UTC is already the next day in Amsterdam.
    now = new Date('2031-03-10T23:30:00Z');
    const nextDay = await openApiDocument(dependencies);
    expect(claimExampleStart(nextDay.body as Json)).toBe('2031-02-25');
  });
});
