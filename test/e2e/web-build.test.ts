/**
 * The web app's build: always React's production build, also when the tests build it (vitest sets
 * NODE_ENV to `test`, which once made Vite bundle React's development build), and a stamp that
 * says so, so that a development build is never taken for a fresh one by `npm start` or the bench.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, builtJavaScript, productionStamp, reactBuildOf } from '../../web/build.ts';

describe('the web build under vitest (NODE_ENV=test)', () => {
  let outDirectory: string;
  let javaScript: string[];

  beforeAll(async () => {
    outDirectory = await mkdtemp(path.join(os.tmpdir(), 'leerrekening-web-build-'));
    // In a directory of its own, so the app that other test files serve from web/dist stays whole.
    await buildWeb({ outDirectory });
    javaScript = await builtJavaScript(outDirectory);
  });

  afterAll(async () => {
    await rm(outDirectory, { recursive: true, force: true });
  });

  it('runs where NODE_ENV is test, the case that once gave a development build', () => {
    expect(process.env['NODE_ENV']).toBe('test');
  });

  it("bundles React's production build: numbered errors, no development warnings, no jsxDEV", () => {
    const all = javaScript.join('\n');
    expect(all).toContain('Minified React error #');
    expect(all).not.toContain('unique "key" prop');
    expect(all).not.toContain('Check the render method of');
    expect(all).not.toContain('jsxDEV');
  });

  it('stamps the build as a production build of React in production mode', async () => {
    const stamp = productionStamp(await readFile(path.join(outDirectory, '.build-stamp'), 'utf8'));
    expect(stamp).toMatchObject({ mode: 'production', react: 'production' });
  });
});

describe('the build stamp', () => {
  const builtAt = '2026-11-29T12:00:00.000Z';

  it.each([
    ['a stamp of a production build', { mode: 'production', react: 'production', builtAt }, true],
    ['a stamp with React development build', { mode: 'production', react: 'development', builtAt }, false],
    ['a stamp of another mode', { mode: 'development', react: 'production', builtAt }, false],
    ['a stamp without a mode', { react: 'production', builtAt }, false],
  ])('counts %s as a production build: %s', (_name, stamp, counts) => {
    expect(productionStamp(JSON.stringify(stamp)) !== undefined).toBe(counts);
  });

  it('never counts the old plain-date stamp, or one that is not JSON, as a production build', () => {
    expect(productionStamp(`${builtAt}\n`)).toBeUndefined();
    expect(productionStamp('null')).toBeUndefined();
  });
});

describe('reading which React build a bundle holds', () => {
  it.each([
    [['x("Minified React error #" + e)'], 'production'],
    [['x("Minified React error #")', 'Each child in a list should have a unique "key" prop.'], 'development'],
    [['jsxDEV("div", {}, void 0, false, { fileName: "app.tsx" })'], 'development'],
    [['console.log(1)'], 'unknown'],
  ] as const)('reads %j as %s', (javaScript, expected) => {
    expect(reactBuildOf(javaScript)).toBe(expected);
  });
});
