/**
 * The DynamoDB Local child process: when it has ended, how to stop it, what it last said, and the
 * hooks that kill it when this Node process exits, so no Java process is left behind.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { javaMissingMessage } from './dynamodb-local-prerequisites.ts';

/** How long `stop()` waits after SIGTERM before it sends SIGKILL. */
const stopGraceMs = 5_000;

/** How long `stop()` waits after SIGKILL; the kernel reaps a killed process almost at once. */
const killWaitMs = 5_000;

/** Lines of DynamoDB Local's output kept to explain a failed start. */
const outputLinesMax = 20;

/** How a process ended: its exit code or signal, or the error that kept it from starting. */
export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** Resolves when the process is gone: it exited and its output closed, or it never started. */
export function whenEnded(child: ChildProcess): Promise<Ending> {
  return new Promise((resolve) => {
    // 'on', not 'once': an unheard 'error' would crash Node, and one also fires when a signal
    // cannot be sent. Only a failed spawn (no pid) means the process is gone.
    child.on('error', (error) => {
      if (child.pid === undefined) {
        resolve({ code: null, signal: null, error });
      }
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

/** The ending in words, to follow "exited before it answered". */
export function describeEnding(ending: Ending): string {
  if (ending.error !== undefined) {
    const code = (ending.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? javaMissingMessage : `could not start: ${ending.error.message}`;
  }
  return ending.signal === null ? `exit code ${ending.code}` : `signal ${ending.signal}`;
}

/** Stops the process with SIGTERM, then SIGKILL, and resolves once it has ended. */
export async function stopProcess(child: ChildProcess, ended: Promise<Ending>): Promise<void> {
  if (child.pid === undefined) {
    await ended;
    return;
  }
  child.kill('SIGTERM');
  if (await settlesWithin(ended, stopGraceMs)) {
    return;
  }
  child.kill('SIGKILL');
  if (!(await settlesWithin(ended, killWaitMs))) {
    throw new Error(`DynamoDB Local (pid ${child.pid}) did not exit after SIGKILL.`);
  }
}

async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const controller = new AbortController();
  try {
    return await Promise.race([promise.then(() => true), sleep(timeoutMs, false, { signal: controller.signal })]);
  } finally {
    // Cancels the timer so a finished stop does not keep the event loop alive.
    controller.abort();
  }
}

/**
 * Java stack frames (`\tat ...`, `... 16 more`), which would crowd the few lines we keep and
 * push out the one that says what went wrong (such as `BindException: Address already in use`).
 */
const stackFrameLine = /^\s+(at |\.\.\. \d+ more)/;

/** Keeps the last lines of stdout and stderr, which together explain a failed start. */
export function collectOutputTail(child: ChildProcess): () => string {
  const lines: string[] = [];
  const partial = { stdout: '', stderr: '' };
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const pieces = (partial[stream] + chunk.toString('utf8')).split(/\r?\n/);
    partial[stream] = pieces.pop() ?? '';
    lines.push(...pieces.filter((line) => line.trim() !== '' && !stackFrameLine.test(line)));
    lines.splice(0, Math.max(0, lines.length - outputLinesMax));
  };
  // Both pipes must be read even when nobody looks, or a chatty process blocks on a full pipe.
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));
  return () =>
    [...lines, partial.stdout, partial.stderr]
      .filter((line) => line.trim() !== '')
      .slice(-outputLinesMax)
      .join('\n');
}

/** Running DynamoDB Local processes started by this Node process. */
const runningProcesses = new Set<ChildProcess>();

/**
 * Shutdown signals on which Node, left to itself, would die without running 'exit' handlers,
 * and so leave Java running.
 */
const shutdownSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let exitHooksInstalled = false;

/** Kills the process when this Node process exits or dies by a signal, until it has ended. */
export function trackUntilEnded(child: ChildProcess, ended: Promise<Ending>): void {
  installExitHooks();
  runningProcesses.add(child);
  void ended.then(() => runningProcesses.delete(child));
}

/**
 * Makes sure no Java process outlives us. SIGTERM and not SIGKILL: killed outright while busy,
 * DynamoDB Local loses the last transaction it acknowledged (measured with TransactWriteItems; whole,
 * never half), while on SIGTERM it shuts down with everything it acknowledged. It exits by itself
 * shortly after we are gone; should it not, the next `npm start` stops it (see
 * `orphaned-dynamodb-local.ts`).
 */
function killAllRunning(): void {
  for (const child of runningProcesses) {
    child.kill('SIGTERM');
  }
}

/** Installed once for all instances, so many starts do not pile up listeners. */
function installExitHooks(): void {
  if (exitHooksInstalled) {
    return;
  }
  exitHooksInstalled = true;
  process.on('exit', killAllRunning);
  for (const signal of shutdownSignals) {
    const onSignal = (): void => {
      // When the application handles this signal itself, it decides how to shut down (and its
      // eventual exit still runs the 'exit' hook). Otherwise we do what Node would have done
      // without us, dying by the signal, but kill Java first.
      if (process.listenerCount(signal) > 1) {
        return;
      }
      killAllRunning();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
