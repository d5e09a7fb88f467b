/**
 * Builds the citizen web app and the business portal into `web/dist` with Vite, but only when it
 * is missing or older than its sources. `npm start` (through `prestart`) and the end-to-end tests call this, so a
 * fresh clone serves the app without a separate step and an unchanged app is not rebuilt.
 */

import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const webDirectory = fileURLToPath(new URL('.', import.meta.url));
const projectDirectory = join(webDirectory, '..');
export const webDistDirectory = join(webDirectory, 'dist');
/**
 * Written last by a build, so a half-finished build never counts as fresh. It records the build's
 * mode and which React build the bundle holds (see `BuildStamp`).
 */
const stampName = '.build-stamp';
const stampFile = join(webDistDirectory, stampName);
/** The only mode the app is ever built in: what `npm start` serves and CloudFront deploys. */
const buildMode = 'production';
/** Only one process builds at a time; the others wait for it and then find the build fresh. */
const lockDirectory = join(webDirectory, '.build-lock');
/** A lock older than this was left by a build that died. */
const lockStaleMs = 120_000;
const lockPollMs = 200;

/** The inputs of a build: when any of them is newer than the stamp, the app is rebuilt. */
const sourcePaths = [
  'src',
  'portal',
  'zakelijk',
  'index.html',
  'vite.config.ts',
  'prune-custom-properties.ts',
  'strip-display-names.ts',
  'tsconfig.json',
  'build.ts',
].map((path) => join(webDirectory, path));
const dependencyPaths = [join(projectDirectory, 'package-lock.json')];

async function newestMtimeMs(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtimeMs(join(path, entry)));
  return newest;
}

/** What `web/dist/.build-stamp` says about the build it marks. */
export interface BuildStamp {
  /** Vite's mode. */
  readonly mode: string;
  /** Which React build the JavaScript holds, read from the built files themselves. */
  readonly react: ReactBuild;
  readonly builtAt: string;
}

export type ReactBuild = 'production' | 'development' | 'unknown';

/**
 * Text only React's development build carries: it spells out its warnings, where the production
 * build has numbered errors ("Minified React error #…") instead; and JSX compiled for development
 * calls `jsxDEV` with each element's file name.
 */
const reactDevelopmentMarkers = ['unique "key" prop', 'Check the render method of', 'jsxDEV'];
const reactProductionMarker = 'Minified React error #';

/** Which React build a bundle's JavaScript holds, from text that only one of the two builds has. */
export function reactBuildOf(javaScript: readonly string[]): ReactBuild {
  if (javaScript.some((code) => reactDevelopmentMarkers.some((marker) => code.includes(marker)))) return 'development';
  if (javaScript.some((code) => code.includes(reactProductionMarker))) return 'production';
  return 'unknown';
}

/**
 * The stamp's content, or undefined when it is not a stamp of a production build: an older stamp
 * without a mode, a development build, or anything unreadable. Such a build is never fresh.
 */
export function productionStamp(text: string): BuildStamp | undefined {
  try {
    const stamp = JSON.parse(text) as Partial<BuildStamp> | null;
    if (stamp?.mode !== buildMode || stamp.react !== 'production' || typeof stamp.builtAt !== 'string')
      return undefined;
    return { mode: stamp.mode, react: stamp.react, builtAt: stamp.builtAt };
  } catch {
    return undefined;
  }
}

/** The stamp of the build in `web/dist` when it is a production build, else undefined. */
export async function readWebBuildStamp(): Promise<BuildStamp | undefined> {
  const text = await readFile(stampFile, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : productionStamp(text);
}

/** True when `web/dist` holds a complete production build that is newer than every source file. */
export async function webBuildIsFresh(): Promise<boolean> {
  const [stamp, stampInfo] = await Promise.all([readWebBuildStamp(), stat(stampFile).catch(() => undefined)]);
  if (stamp === undefined || stampInfo === undefined) return false;
  const inputs = await Promise.all([...sourcePaths, ...dependencyPaths].map(newestMtimeMs));
  return Math.max(...inputs) <= stampInfo.mtimeMs;
}

/** The content of every JavaScript file of the build in `outDirectory`. */
export async function builtJavaScript(outDirectory: string): Promise<string[]> {
  const assets = join(outDirectory, 'assets');
  const files = (await readdir(assets)).filter((file) => file.endsWith('.js'));
  return Promise.all(files.map((file) => readFile(join(assets, file), 'utf8')));
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(lockDirectory);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = await stat(lockDirectory).catch(() => undefined);
      if (lock !== undefined && Date.now() - lock.mtimeMs > lockStaleMs)
        await rm(lockDirectory, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, lockPollMs));
    }
  }
}

/**
 * Builds the app with Vite, quietly unless `verbose`: always the production build, whoever asks.
 * Vite and its React plugin take the mode from `NODE_ENV`, which vitest sets to `test`, so a build
 * in the tests' own process would be React's development build (larger, with StrictMode's double
 * effects) instead of what `npm start` serves and CloudFront deploys. The build therefore runs in a
 * process of its own with `NODE_ENV=production` and `--mode production` (the config also fixes
 * `process.env.NODE_ENV` for a build), which leaves the caller's environment alone. The result is
 * checked: a bundle with React's development build fails the build and gets no stamp.
 */
export async function buildWeb({
  verbose = false,
  outDirectory = webDistDirectory,
}: {
  verbose?: boolean;
  /** Where the build goes; tests build elsewhere, so the app others are serving stays whole. */
  outDirectory?: string;
} = {}): Promise<void> {
  const viteCli = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const args = [
    viteCli,
    'build',
    '--mode',
    buildMode,
    '--config',
    join(webDirectory, 'vite.config.ts'),
    '--outDir',
    outDirectory,
    '--logLevel',
    verbose ? 'info' : 'warn',
  ];
  await promisify(execFile)(process.execPath, args, {
    cwd: projectDirectory,
    env: { ...process.env, NODE_ENV: buildMode },
  }).then(({ stdout, stderr }) => {
    if (verbose) process.stdout.write(stdout);
    process.stderr.write(stderr);
  });
  const react = reactBuildOf(await builtJavaScript(outDirectory));
  if (react !== 'production')
    throw new Error(`web app: the build holds React's ${react} build, not its production build`);
  const stamp: BuildStamp = { mode: buildMode, react, builtAt: new Date().toISOString() };
  await writeFile(join(outDirectory, stampName), `${JSON.stringify(stamp)}\n`);
}

/**
 * Builds the app when `web/dist` is missing or stale. Safe to call from several processes at
 * once (test files run in parallel): one builds, the others wait and reuse its result.
 *
 * @returns Whether this call built the app.
 */
export async function buildWebIfStale({ verbose = false }: { verbose?: boolean } = {}): Promise<boolean> {
  if (await webBuildIsFresh()) return false;
  await acquireLock();
  try {
    if (await webBuildIsFresh()) return false;
    await buildWeb({ verbose });
    return true;
  } finally {
    await rm(lockDirectory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const always = process.argv.includes('--force');
  if (always) {
    await acquireLock();
    try {
      await buildWeb({ verbose: true });
    } finally {
      await rm(lockDirectory, { recursive: true, force: true });
    }
    return;
  }
  const built = await buildWebIfStale({ verbose: true });
  if (!built) console.log('web app: web/dist is up to date');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
