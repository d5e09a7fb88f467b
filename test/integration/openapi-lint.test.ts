import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/openapi/handler.ts';

/**
 * The OpenAPI document as the openapi function serves it, checked by two outside linters with the
 * rulesets committed in the repository: Spectral (`.spectral.yaml`, spectral:oas) and Redocly
 * (`redocly.yaml`, recommended). Both must find nothing at all, errors or warnings; a rule that does
 * not fit this API is switched off in its ruleset file with the reason next to it. The test lints
 * whatever the document holds, so new fields and routes are checked as they come.
 *
 * To show that the rulesets are not empty, a copy with one broken example is linted in the same run,
 * and both linters must find it. Neither linter may reach the internet: Redocly's usage data and
 * update check are switched off (REDOCLY_TELEMETRY, REDOCLY_SUPPRESS_NOTIFICATIONS, and
 * `telemetry: off` in redocly.yaml); Spectral's rulesets are bundled and the document has no
 * remote references.
 */

const root = join(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 25_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface SpectralResult {
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly severity: number;
  readonly source: string;
}

interface RedoclyProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: ReadonlyArray<{ readonly source: { readonly ref: string }; readonly pointer: string }>;
}

let directory: string;
let served: string;
let broken: string;
let spectral: SpectralResult[];
let redocly: RedoclyProblem[];

beforeAll(async () => {
  const response = await handler({ headers: {}, requestContext: {} } as unknown as APIGatewayProxyEvent, {} as Context);
  expect(response.statusCode).toBe(200);
  const document = JSON.parse(response.body) as Record<string, any>;

  directory = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  served = join(directory, 'openapi.json');
  broken = join(directory, 'broken.json');
  await writeFile(served, JSON.stringify(document, null, 2));
  const copy = structuredClone(document);
  copy['paths']['/v1/deposits']['post']['requestBody']['content']['application/json']['example']['amount'] = 'many';
  await writeFile(broken, JSON.stringify(copy, null, 2));

  const redoclyLint = (file: string) =>
    run(bin('redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json'], {
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    });
  // Redocly answers one JSON report per file, so each file has a run of its own; all three run at once.
  const [spectralRun, redoclyServed, redoclyBroken] = await Promise.all([
    run(bin('spectral'), ['lint', served, broken, '--ruleset', join(root, '.spectral.yaml'), '--format', 'json']),
    redoclyLint(served),
    redoclyLint(broken),
  ]);
  // Non-zero exits are expected (the broken copy); anything but JSON on stdout means the linter itself failed.
  // Redocly prints a Node.js 20 deprecation banner on stderr, which is not a finding.
  spectral = parse<SpectralResult[]>('spectral', spectralRun);
  redocly = [
    ...parse<{ problems: RedoclyProblem[] }>('redocly', redoclyServed).problems,
    ...parse<{ problems: RedoclyProblem[] }>('redocly', redoclyBroken).problems,
  ];
});

afterAll(async () => {
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

function parse<T>(name: string, result: Run): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`${name} did not answer JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

const spectralSeverities = ['error', 'warning', 'info', 'hint'];
const describeSpectral = (result: SpectralResult) =>
  `${spectralSeverities[result.severity]} ${result.code} at ${result.path.join('.')}: ${result.message}`;
const describeRedocly = (problem: RedoclyProblem) =>
  `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`;

describe('the served OpenAPI document, linted', () => {
  it('passes Spectral (spectral:oas) without a single error, warning, info or hint', () => {
    expect(spectral.filter((result) => result.source === served).map(describeSpectral)).toEqual([]);
  });

  it('passes Redocly (recommended) without a single error or warning', () => {
    const own = redocly.filter((problem) => problem.location[0]?.source.ref.endsWith('openapi.json'));
    expect(own.map(describeRedocly)).toEqual([]);
  });

  it('is linted for real: both linters find the broken example in the copy', () => {
    expect(spectral.filter((result) => result.source === broken).map((result) => result.code)).toContain(
      'oas3-valid-media-example',
    );
    expect(
      redocly
        .filter((problem) => problem.location[0]?.source.ref.endsWith('broken.json'))
        .map((problem) => problem.ruleId),
    ).toContain('no-invalid-media-type-examples');
  });
});
