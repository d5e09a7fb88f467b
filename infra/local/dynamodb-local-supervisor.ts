/**
 * Keeps DynamoDB Local running under `npm start`: when the Java process ends on its own (a crash,
 * the OOM killer, a stray `kill`), it is started again on the same data folder and the same port,
 * so the DynamoDB clients of the running system keep working without being told. When that cannot
 * be done, or keeps failing, the supervisor gives up and says why, so `npm start` can stop instead
 * of answering every request with a 5xx for ever.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DynamoDbLocal,
  PortTakenError,
  type StartDynamoDbLocalOptions,
  startDynamoDbLocal,
} from './dynamodb-local.ts';
import { describeEnding, type Ending } from './dynamodb-local-process.ts';

/** Deaths (endings on its own, or failed restarts) tolerated within {@link deathWindowMs}; one more gives up. */
export const deathsMax = 3;

/** The window in which {@link deathsMax} deaths are tolerated. */
export const deathWindowMs = 60_000;

/** Pause before another restart after a restart failed, so a port still being released gets a moment. */
const retryPauseMs = 1_000;

/** A DynamoDB Local that is started again when it dies. */
export interface SupervisedDynamoDbLocal {
  /** The URL to give a DynamoDB client; the same for every restart. */
  readonly endpoint: string;
  /** The TCP port; the same for every restart. */
  readonly port: number;
  /** The current Java process's id (it changes with each restart). */
  pid(): number;
  /** False from the moment the process ended until it answers again after a restart. */
  available(): boolean;
  /** Stops the process for good (no restart follows) and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Options for {@link superviseDynamoDbLocal}. */
export interface SuperviseOptions {
  /** The data folder; undefined means in memory, where a restart cannot bring the data back. */
  readonly dataDirectory?: string;
  /** The port of the first start; a free one when omitted. Restarts always reuse the first start's port. */
  readonly port?: number;
  /** Called with one line when the process ended and was started again. */
  readonly onRestart: (restarted: { readonly line: string; readonly pid: number }) => void;
  /**
   * Called once when the supervisor gives up: in memory, or more than {@link deathsMax} deaths
   * (failed restarts included, such as when another process took the port) within a minute.
   * Nothing serves the data afterwards.
   */
  readonly onGiveUp: (error: Error) => void;
  /** Starts one process; {@link startDynamoDbLocal} unless a test gives a stand-in. */
  readonly start?: (options: StartDynamoDbLocalOptions) => Promise<DynamoDbLocal>;
  /** The clock, in milliseconds, for counting deaths; a test gives its own. */
  readonly now?: () => number;
  /** Pause between failed restarts; {@link retryPauseMs} unless a test gives a shorter one. */
  readonly retryPauseMs?: number;
}

/**
 * Starts DynamoDB Local and watches the child's ending. An ending that `stop()` did not ask for is
 * a death: the process is started again on the same data folder and port, and `onRestart` gets one
 * line saying so. A process in memory cannot be restarted on its data, and more than
 * {@link deathsMax} deaths (failed restarts included) within {@link deathWindowMs} mean something
 * is wrong with the machine or the data, so `onGiveUp` is called instead and nothing is restarted.
 *
 * @throws When the first start fails, as {@link startDynamoDbLocal} does.
 */
export async function superviseDynamoDbLocal(options: SuperviseOptions): Promise<SupervisedDynamoDbLocal> {
  const start = options.start ?? startDynamoDbLocal;
  const now = options.now ?? Date.now;
  const pause = options.retryPauseMs ?? retryPauseMs;
  const { dataDirectory } = options;
  let current = await start({
    ...(dataDirectory !== undefined && { dataDirectory }),
    ...(options.port !== undefined && { port: options.port }),
  });
  const { endpoint, port } = current;
  let up = true;
  let stopping = false;
  let gaveUp = false;
  let restarting: Promise<void> | undefined;
  const deaths: number[] = [];

  const giveUp = (message: string): void => {
    if (gaveUp || stopping) return;
    gaveUp = true;
    options.onGiveUp(new Error(message));
  };

  /** Counts a death now; true while the deaths within the window are still tolerated. */
  const countDeath = (): boolean => {
    const at = now();
    deaths.push(at);
    while (deaths.length > 0 && (deaths[0] ?? at) <= at - deathWindowMs) deaths.shift();
    return deaths.length <= deathsMax;
  };

  const restart = async (died: DynamoDbLocal, ending: Ending): Promise<void> => {
    let reason = describeEnding(ending);
    if (dataDirectory === undefined) {
      giveUp(
        `DynamoDB Local (pid ${died.pid}) ended (${reason}). It kept its data in memory, so that data is gone ` +
          'and cannot be served again; stopping. Start without --in-memory to keep data across such a crash.',
      );
      return;
    }
    for (;;) {
      if (!countDeath()) {
        giveUp(
          `DynamoDB Local on port ${port} died or failed to restart more than ${deathsMax} times within ` +
            `${deathWindowMs / 1_000} s (last: ${reason}); stopping rather than answering every request with an ` +
            `error. Its data is kept in ${dataDirectory}.`,
        );
        return;
      }
      try {
        const next = await start({ dataDirectory, port });
        if (stopping) {
          await next.stop();
          return;
        }
        current = next;
        up = true;
        watch(next);
        options.onRestart({
          line:
            `DynamoDB Local (pid ${died.pid}) ended (${describeEnding(ending)}); restarted it on the same data ` +
            `(${dataDirectory}, port ${port}) as pid ${next.pid}.`,
          pid: next.pid,
        });
        return;
      } catch (error) {
        if (stopping) return;
        reason =
          error instanceof PortTakenError
            ? `port ${port} is taken by another process`
            : // The first line says what went wrong; the rest is the Java output.
              ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown');
        await sleep(pause);
      }
    }
  };

  function watch(database: DynamoDbLocal): void {
    void database.ended.then((ending) => {
      if (stopping || database !== current) return;
      up = false;
      restarting = restart(database, ending).finally(() => {
        restarting = undefined;
      });
    });
  }
  watch(current);

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: () => current.pid,
    available: () => up && !stopping,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await restarting;
        await current.stop();
      })();
      return stopped;
    },
  };
}
