/**
 * Builds the citizen web app into `web/dist` with Vite, but only when it is missing or older
 * than its sources. `npm start` (through `prestart`) and the end-to-end tests call this, so a
 * fresh clone serves the app without a separate step and an unchanged app is not rebuilt.
 */

import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const webDirectory = fileURLToPath(new URL('.', import.meta.url));
const projectDirectory = join(webDirectory, '..');
export const webDistDirectory = join(webDirectory, 'dist');
/** Written last by a build, so a half-finished build never counts as fresh. */
const stampFile = join(webDistDirectory, '.build-stamp');
/** Only one process builds at a time; the others wait for it and then find the build fresh. */
const lockDirectory = join(webDirectory, '.build-lock');
/** A lock older than this was left by a build that died. */
const lockStaleMs = 120_000;
const lockPollMs = 200;

/** The inputs of a build: when any of them is newer than the stamp, the app is rebuilt. */
const sourcePaths = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'build.ts'].map((path) =>
  join(webDirectory, path),
);
const dependencyPaths = [join(projectDirectory, 'package-lock.json')];

async function newestMtimeMs(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtimeMs(join(path, entry)));
  return newest;
}

/** True when `web/dist` holds a complete build that is newer than every source file. */
export async function webBuildIsFresh(): Promise<boolean> {
  const stamp = await stat(stampFile).catch(() => undefined);
  if (stamp === undefined) return false;
  const inputs = await Promise.all([...sourcePaths, ...dependencyPaths].map(newestMtimeMs));
  return Math.max(...inputs) <= stamp.mtimeMs;
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
 * process of its own with `NODE_ENV=production`, which also leaves the caller's environment alone.
 */
export async function buildWeb({ verbose = false }: { verbose?: boolean } = {}): Promise<void> {
  const viteCli = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const args = [
    viteCli,
    'build',
    '--config',
    join(webDirectory, 'vite.config.ts'),
    '--logLevel',
    verbose ? 'info' : 'warn',
  ];
  await promisify(execFile)(process.execPath, args, {
    cwd: projectDirectory,
    env: { ...process.env, NODE_ENV: 'production' },
  }).then(({ stdout, stderr }) => {
    if (verbose) process.stdout.write(stdout);
    process.stderr.write(stderr);
  });
  await writeFile(stampFile, `${new Date().toISOString()}\n`);
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
