import { describe, expect, it } from 'vitest';
import {
  type DynamoDbLocal,
  PortTakenError,
  type StartDynamoDbLocalOptions,
} from '../../../infra/local/dynamodb-local.ts';
import type { Ending } from '../../../infra/local/dynamodb-local-process.ts';
import {
  deathsMax,
  deathWindowMs,
  type SupervisedDynamoDbLocal,
  superviseDynamoDbLocal,
} from '../../../infra/local/dynamodb-local-supervisor.ts';

/**
 * The supervisor's decisions, with stand-in processes that die when told: when it restarts, on which
 * port and data, when it gives up, and that an asked-for stop is not a death.
 */

interface FakeProcess extends DynamoDbLocal {
  die(ending?: Ending): void;
}

class FakeMachine {
  readonly starts: StartDynamoDbLocalOptions[] = [];
  readonly processes: FakeProcess[] = [];
  readonly restarts: string[] = [];
  readonly givenUp: Error[] = [];
  clock = 0;
  /** Errors the next starts throw, in order. */
  failures: Error[] = [];

  start = async (options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> => {
    this.starts.push(options);
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    let end: (ending: Ending) => void = () => undefined;
    const ended = new Promise<Ending>((resolve) => {
      end = resolve;
    });
    const port = options.port ?? 8000;
    const fake: FakeProcess = {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      pid: 100 + this.starts.length,
      ended,
      stop: async () => {
        end({ code: 143, signal: null });
        await ended;
      },
      die: (ending = { code: null, signal: 'SIGKILL' }) => end(ending),
    };
    this.processes.push(fake);
    return fake;
  };

  /** Supervises a stand-in process on `dataDirectory`, or in memory when null. */
  supervise(dataDirectory: string | null = '/data/dynamodb'): Promise<SupervisedDynamoDbLocal> {
    return superviseDynamoDbLocal({
      ...(dataDirectory !== null && { dataDirectory }),
      start: this.start,
      now: () => this.clock,
      retryPauseMs: 0,
      onRestart: ({ line }) => this.restarts.push(line),
      onGiveUp: (error) => this.givenUp.push(error),
    });
  }

  latest(): FakeProcess {
    const latest = this.processes.at(-1);
    if (latest === undefined) throw new Error('nothing started');
    return latest;
  }
}

/** Lets the supervisor's promise chains run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('superviseDynamoDbLocal', () => {
  it('restarts a process that died on the same data and port, with one line, and serves again', async () => {
    const machine = new FakeMachine();
    const database = await machine.supervise();
    expect(database.pid()).toBe(101);

    machine.latest().die();
    await settle();

    expect(machine.starts).toEqual([
      { dataDirectory: '/data/dynamodb' },
      { dataDirectory: '/data/dynamodb', port: 8000 },
    ]);
    expect(machine.restarts).toEqual([
      'DynamoDB Local (pid 101) ended (signal SIGKILL); restarted it on the same data (/data/dynamodb, port 8000) ' +
        'as pid 102.',
    ]);
    expect(database.pid()).toBe(102);
    expect(database.endpoint).toBe('http://127.0.0.1:8000');
    expect(database.available()).toBe(true);
    expect(machine.givenUp).toEqual([]);
  });

  it('does not restart after stop()', async () => {
    const machine = new FakeMachine();
    const database = await machine.supervise();
    await database.stop();
    await settle();
    expect(machine.starts).toHaveLength(1);
    expect(machine.restarts).toEqual([]);
    expect(machine.givenUp).toEqual([]);
    expect(database.available()).toBe(false);
  });

  it('gives up at once in memory, where a restart cannot bring the data back', async () => {
    const machine = new FakeMachine();
    const database = await machine.supervise(null);
    machine.latest().die({ code: 1, signal: null });
    await settle();
    expect(machine.starts).toHaveLength(1);
    expect(machine.givenUp.map((error) => error.message)).toEqual([expect.stringMatching(/in memory.*stopping/)]);
    expect(database.available()).toBe(false);
  });

  it(`gives up on death number ${deathsMax + 1} within a minute, but forgives deaths older than that`, async () => {
    const machine = new FakeMachine();
    await machine.supervise();
    for (let death = 1; death <= deathsMax; death += 1) {
      machine.latest().die();
      await settle();
    }
    expect(machine.restarts).toHaveLength(deathsMax);

    machine.clock += deathWindowMs;
    machine.latest().die();
    await settle();
    expect(machine.restarts).toHaveLength(deathsMax + 1);
    expect(machine.givenUp).toEqual([]);

    for (let death = 1; death <= deathsMax; death += 1) {
      machine.latest().die();
      await settle();
    }
    expect(machine.restarts).toHaveLength(2 * deathsMax);
    expect(machine.givenUp.map((error) => error.message)).toEqual([
      expect.stringMatching(/more than 3 times within 60 s \(last: signal SIGKILL\); stopping/),
    ]);
  });

  it('gives up when another process took the port and keeps it, and says so', async () => {
    const machine = new FakeMachine();
    await machine.supervise();
    machine.failures = Array.from({ length: deathsMax }, () => new PortTakenError('… BindException …'));
    machine.latest().die();
    await settle();
    expect(machine.starts.slice(1).map((options) => options.port)).toEqual([8000, 8000, 8000]);
    expect(machine.givenUp.map((error) => error.message)).toEqual([
      expect.stringContaining('(last: port 8000 is taken by another process); stopping'),
    ]);
  });

  it('counts failed restarts as deaths, and says why the last one failed', async () => {
    const machine = new FakeMachine();
    const database = await machine.supervise();
    machine.failures = Array.from(
      { length: deathsMax },
      () => new Error('DynamoDB Local on port 8000 exited before it answered (exit code 1). Its last output:\nx'),
    );
    machine.latest().die();
    await settle();
    expect(machine.starts).toHaveLength(1 + deathsMax);
    expect(machine.givenUp.map((error) => error.message)).toEqual([
      expect.stringContaining('(last: DynamoDB Local on port 8000 exited before it answered (exit code 1).'),
    ]);
    expect(database.available()).toBe(false);
  });
});
