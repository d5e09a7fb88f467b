import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A bench phase that runs in a child process of its own. The API handlers keep their store,
 * secrets and token issuers in module singletons, read once from the environment; a phase that
 * starts a local system of its own needs a fresh process, and a crash or hang there cannot leave a
 * browser or DynamoDB Local behind in the bench process. The child writes its figures as JSON to a
 * file the parent names.
 */

/** Runs `file` as a child (`file <result file>`) and returns the figures it wrote. */
export async function runChildPhase<T>(file: string, name: string, timeoutMs: number): Promise<T> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), `leerrekening-bench-${name}-`));
  const resultFile = path.join(scratch, `${name}.json`);
  try {
    // process.execArgv carries tsx's loader, so the child runs TypeScript as this process does.
    const child = spawn(process.execPath, [...process.execArgv, file, resultFile], { stdio: 'inherit' });
    const code = await new Promise<number | null>((done, fail) => {
      const timer = setTimeout(() => {
        console.error(`bench ${name}: no result after ${timeoutMs / 1000} s; stopping it`);
        child.kill('SIGTERM');
      }, timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      child.once('exit', (exitCode, signal) => {
        clearTimeout(timer);
        done(signal === null ? exitCode : 128);
      });
    });
    if (code !== 0) throw new Error(`bench ${name}: the phase failed (exit ${code})`);
    return JSON.parse(await readFile(resultFile, 'utf8')) as T;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The child's side: when this process was started as `file <result file>`, measures and writes the
 * figures there, then exits (0, or 1 with the error printed).
 */
export function runAsChildPhase(file: string, usage: string, measure: () => Promise<unknown>): void {
  if (process.argv[1] !== file) return;
  const resultFile = process.argv[2];
  if (resultFile === undefined) {
    console.error(usage);
    process.exit(2);
  }
  measure().then(
    async (figures) => {
      await writeFile(resultFile, JSON.stringify(figures));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
