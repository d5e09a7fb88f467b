import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { median, round } from './in-flight.ts';

/**
 * Builds every function the way `infra/api-function.ts` has CDK build it, and measures each
 * bundle: size, gzip size, what it is made of, and the module's cold initialisation time in a
 * fresh `node` process.
 */

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const importTimer = fileURLToPath(new URL('./import-timer.mjs', import.meta.url));

/**
 * The banner of `infra/api-function.ts` (`esmRequireShim`), copied because that module pulls in
 * aws-cdk-lib. Keep the two the same.
 */
const esmRequireShim =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; " +
  'const require = topLevelCreateRequire(import.meta.url);';

/**
 * The alias of `infra/api-function.ts` (`lambdaCredentialsModule`): the SDK's default credential
 * chain replaced by an environment-only provider. Keep the two the same.
 */
const lambdaCredentialsAlias = {
  '@aws-sdk/credential-provider-node': path.join(projectRoot, 'shared', 'runtime', 'lambda-credentials.ts'),
};

/** Fresh processes per bundle and mode; the median is reported. */
export const initRunsPerBundleCount = 7;

/** Bound on one child process; a cold import takes well under a second. */
const initRunTimeoutMs = 20_000;

/** Packages listed per bundle, largest first. */
const topInputsCount = 6;

/**
 * The environment a deployed function starts with (see `infra/api-function.ts` and the stack),
 * with placeholder values: module initialisation reads it but sends no request.
 */
const lambdaEnvironment = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_SERVICE_NAME: 'leerrekening',
  POWERTOOLS_METRICS_NAMESPACE: 'Leerrekening',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  TABLE_NAME: 'leerrekening-bench',
  PERSON_ID_SECRET_PARAMETER: '/leerrekening/bench/person-id-secret',
  CITIZEN_ISSUER: 'https://citizen.example.test',
  CITIZEN_AUDIENCE: 'urn:leerrekening:api',
  CITIZEN_JWKS_URI: 'https://citizen.example.test/jwks',
  BUSINESS_ISSUER: 'https://business.example.test',
  BUSINESS_AUDIENCE: 'urn:leerrekening:api',
  BUSINESS_JWKS_URI: 'https://business.example.test/jwks',
} as const;

export interface BundleInput {
  /** An npm package (`@aws-sdk/client-dynamodb`) or, for our own code, its top folder (`shared`). */
  readonly name: string;
  readonly bytes: number;
}

export interface BundleFigures {
  readonly functionName: string;
  readonly minifiedBytes: number;
  readonly minifiedKiB: number;
  readonly gzipBytes: number;
  readonly gzipKiB: number;
  readonly sourceMapBytes: number;
  /** Median time of `await import(bundle)` in a fresh process, as deployed (`NODE_OPTIONS=--enable-source-maps`). */
  readonly initMs: number;
  /** The fastest of the runs as deployed: noise from other processes only ever adds time. */
  readonly initMinMs: number;
  /** The same without source maps, to show what loading the map costs. */
  readonly initNoSourceMapsMs: number;
  readonly initNoSourceMapsMinMs: number;
  /** Median time from process start until the import finished, as deployed. */
  readonly processToReadyMs: number;
  readonly initRunsMs: readonly number[];
  readonly initNoSourceMapsRunsMs: readonly number[];
  readonly topInputs: readonly BundleInput[];
  /** Bytes in the output per part of the stack (see `compositionParts`). */
  readonly composition: Readonly<Record<string, number>>;
  readonly inputFilesCount: number;
}

/**
 * Parts of a bundle worth telling apart, tried in order. The credential chain is what the SDK's
 * default provider pulls in to find credentials anywhere (SSO, STS web identity, INI profiles,
 * IMDS); in Lambda only the environment variables are ever used.
 */
const compositionParts: ReadonlyArray<readonly [string, RegExp]> = [
  ['own code', /^(functions|shared|infra)\//],
  ['zod', /node_modules\/zod\//],
  [
    'SDK credential chain',
    new RegExp(
      [
        /node_modules\/@aws-sdk\/(credential-provider-[^/]+|token-providers|nested-clients)\//.source,
        /node_modules\/@smithy\/credential-provider-imds\//.source,
      ].join('|'),
    ),
  ],
  ['SDK SSM client', /node_modules\/@aws-sdk\/client-ssm\//],
  ['SDK DynamoDB client', /node_modules\/@aws-sdk\/(client-dynamodb|lib-dynamodb|util-dynamodb)\//],
  ['SDK core (smithy, signing, http)', /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws)\//],
  ['Powertools', /node_modules\/@aws-lambda-powertools\//],
  ['middy', /node_modules\/@middy\//],
  ['jose', /node_modules\/jose\//],
];

/** Function folders that have a `handler.ts`, the authorizer among them. */
export async function functionNames(): Promise<string[]> {
  const entries = await readdir(path.join(projectRoot, 'functions'), { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const handler = path.join(projectRoot, 'functions', entry.name, 'handler.ts');
    if (
      await stat(handler).then(
        () => true,
        () => false,
      )
    )
      names.push(entry.name);
  }
  return names.sort();
}

/** The same esbuild options CDK derives from `ApiFunction`'s bundling props, plus a metafile. */
export async function bundle(
  functionName: string,
  outputDirectory: string,
): Promise<{ outfile: string; metafile: Metafile }> {
  const outfile = path.join(outputDirectory, functionName, 'index.mjs');
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [path.join(projectRoot, 'functions', functionName, 'handler.ts')],
    bundle: true,
    outfile,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: esmRequireShim },
    external: [],
    alias: lambdaCredentialsAlias,
    logLevel: 'warning',
    metafile: true,
  });
  return { outfile, metafile: result.metafile };
}

/** Bytes in the output per package (or per top folder of our own code). */
function inputsByPackage(
  metafile: Metafile,
  outfile: string,
): { top: BundleInput[]; composition: Record<string, number>; filesCount: number } {
  const output = Object.entries(metafile.outputs).find(([name]) => path.resolve(projectRoot, name) === outfile)?.[1];
  if (output === undefined) throw new Error(`bundles: no metafile output for ${outfile}`);
  const byPackage = new Map<string, number>();
  const composition: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    const part = compositionParts.find(([, pattern]) => pattern.test(input))?.[0] ?? 'other';
    composition[part] = (composition[part] ?? 0) + bytesInOutput;
  }
  const top = [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, topInputsCount);
  return { top, composition, filesCount: Object.keys(output.inputs).length };
}

function packageOf(input: string): string {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at < 0) return input.split('/')[0] ?? input;
  const parts = input.slice(at + marker.length).split('/');
  return parts[0]?.startsWith('@') === true ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
}

interface TimerReport {
  importMs: number;
  sinceProcessStartMs: number;
}

function timeImport(bundlePath: string, sourceMaps: boolean): Promise<TimerReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [importTimer, bundlePath],
      {
        timeout: initRunTimeoutMs,
        // Only what Lambda would set, so nothing of this process (tsx's loader above all) leaks in.
        env: {
          PATH: process.env['PATH'] ?? '',
          ...lambdaEnvironment,
          ...(sourceMaps && { NODE_OPTIONS: '--enable-source-maps' }),
        },
      },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`import of ${bundlePath} failed: ${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout.trim()) as TimerReport);
      },
    );
  });
}

/** Builds and measures every function, one after another, so measurements do not compete for the CPU. */
export async function measureBundles(outputDirectory: string): Promise<BundleFigures[]> {
  const figures: BundleFigures[] = [];
  for (const functionName of await functionNames()) {
    const { outfile, metafile } = await bundle(functionName, outputDirectory);
    const code = await readFile(outfile);
    const sourceMap = await stat(`${outfile}.map`);
    const deployed: TimerReport[] = [];
    const withoutMaps: TimerReport[] = [];
    for (let run = 0; run < initRunsPerBundleCount; run += 1) {
      // Alternated, so a slow moment of the machine does not land on one mode only.
      deployed.push(await timeImport(outfile, true));
      withoutMaps.push(await timeImport(outfile, false));
    }
    const gzipBytes = gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
    const { top, composition, filesCount } = inputsByPackage(metafile, outfile);
    figures.push({
      functionName,
      minifiedBytes: code.length,
      minifiedKiB: round(code.length / 1024),
      gzipBytes,
      gzipKiB: round(gzipBytes / 1024),
      sourceMapBytes: sourceMap.size,
      initMs: round(median(deployed.map((report) => report.importMs))),
      initMinMs: round(Math.min(...deployed.map((report) => report.importMs))),
      initNoSourceMapsMs: round(median(withoutMaps.map((report) => report.importMs))),
      initNoSourceMapsMinMs: round(Math.min(...withoutMaps.map((report) => report.importMs))),
      processToReadyMs: round(median(deployed.map((report) => report.sinceProcessStartMs))),
      initRunsMs: deployed.map((report) => round(report.importMs)),
      initNoSourceMapsRunsMs: withoutMaps.map((report) => round(report.importMs)),
      topInputs: top,
      composition,
      inputFilesCount: filesCount,
    });
  }
  return figures;
}
