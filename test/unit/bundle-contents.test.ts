import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../bench/bundles.ts';

/**
 * What must stay out of a function bundle (issue 11): each of these once added 50 to 90 KiB to
 * every function, and nothing else would notice it coming back. The bundle is built as CDK builds
 * it (`test/bench/bundles.ts` mirrors `infra/api-function.ts`).
 */
let directory: string;
let inputs: string[];

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'leerrekening-bundle-'));
  // create-deposit validates a body, turns a BSN into a person id (a secret) and writes the table.
  const { metafile } = await bundle('create-deposit', directory);
  inputs = Object.keys(metafile.inputs);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('a function bundle', () => {
  it('has no SSM client: secrets come from the Parameters and Secrets extension', () => {
    expect(inputs.filter((input) => input.includes('@aws-sdk/client-ssm'))).toEqual([]);
  });

  it('has no credential chain beyond the environment: no SSO, web identity, profiles or nested clients', () => {
    const chain = /@aws-sdk\/(credential-provider-[a-z-]+|nested-clients|token-providers)\//;
    expect(inputs.filter((input) => chain.test(input))).toEqual([]);
    expect(inputs).toContain('shared/runtime/lambda-credentials.ts');
  });

  it('has zod/mini and not the chaining API of zod, which carries every method of every type', () => {
    expect(inputs.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
    expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });
});
