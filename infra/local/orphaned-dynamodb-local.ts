/**
 * A DynamoDB Local that a killed `npm start` left behind. When Node is killed outright (SIGKILL, the
 * OOM killer), its exit hooks do not run and the Java child may live on, still holding the data
 * folder's SQLite file. A second Java on that file would corrupt it or fight over its locks, so the
 * next start stops the orphan first. The endpoint file says which Java belonged to which Node.
 */
import { readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { endpointFilePath, isAlive, readEndpointFile } from './endpoint-file.ts';

/** How long to wait for a killed orphan to be gone. */
const orphanGoneTimeoutMs = 5_000;

const orphanPollIntervalMs = 50;

/**
 * True when the process runs DynamoDB Local, read from `/proc/<pid>/cmdline`. A pid in an old file
 * may since have been given to an unrelated process, which must not be killed. Where there is no
 * `/proc` (macOS) this says false, and nothing is ever killed.
 */
export async function isDynamoDbLocalProcess(pid: number): Promise<boolean> {
  try {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('DynamoDBLocal');
  } catch {
    return false;
  }
}

/** What {@link stopOrphanedDynamoDbLocal} found. */
export type OrphanCheck =
  | { readonly kind: 'none' }
  | { readonly kind: 'stopped'; readonly line: string }
  | { readonly kind: 'running'; readonly message: string };

/**
 * Before a start on the data folder: when the endpoint file names a DynamoDB Local whose `npm start`
 * is dead but which itself still runs, kills it (SIGKILL: each write it acknowledged is already in
 * its SQLite file) and waits until it is gone, then removes the stale file. When that `npm start`
 * is still alive with its DynamoDB Local, reports it as running, so the caller refuses to start a
 * second Java on the same data.
 */
export async function stopOrphanedDynamoDbLocal(): Promise<OrphanCheck> {
  const previous = await readEndpointFile();
  if (previous?.dynamoPid === undefined) return { kind: 'none' };
  const { pid, dynamoPid } = previous;
  if (!(await isDynamoDbLocalProcess(dynamoPid))) return { kind: 'none' };
  if (isAlive(pid)) {
    return {
      kind: 'running',
      message:
        `Another local system (npm start, pid ${pid}) is running on this data folder with DynamoDB Local ` +
        `(pid ${dynamoPid}); stop it first, or choose another folder with LEERREKENING_DATA_DIR.`,
    };
  }
  process.kill(dynamoPid, 'SIGKILL');
  const deadline = Date.now() + orphanGoneTimeoutMs;
  // A killed process that nobody has reaped yet is a zombie with an empty command line: gone enough.
  while (await isDynamoDbLocalProcess(dynamoPid)) {
    if (Date.now() >= deadline)
      throw new Error(`DynamoDB Local (pid ${dynamoPid}) left by a previous run did not exit.`);
    await sleep(orphanPollIntervalMs);
  }
  await rm(endpointFilePath, { force: true });
  return {
    kind: 'stopped',
    line: `Stopped DynamoDB Local (pid ${dynamoPid}) that a killed local system (pid ${pid}) had left running.`,
  };
}
