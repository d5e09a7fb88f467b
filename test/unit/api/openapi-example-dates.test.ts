import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../functions/openapi/document.ts';

type Json = Record<string, any>;

const exampleBody = (document: Json, path: string): Json =>
  document['paths'][path]['post']['requestBody']['content']['application/json']['example'];

describe('request examples with dates', () => {
  it('are counted from the day the document is built, so they never age out of the bounds', () => {
    const document = buildOpenApiDocument('2031-03-10');
    expect(exampleBody(document, '/v1/claims')['startDate']).toBe('2031-02-24');
    expect(exampleBody(document, '/v1/claims/{claimId}/capture')['evidence']['date']).toBe('2031-03-10');
    expect(exampleBody(document, '/v1/courses')['startDates']).toEqual(['2031-05-09', '2031-09-06']);
  });

  it('keep the fixed examples as written', () => {
    const document = buildOpenApiDocument('2031-03-10');
    expect(exampleBody(document, '/v1/employees/end')['endDate']).toBe('2026-06-30');
  });
});
