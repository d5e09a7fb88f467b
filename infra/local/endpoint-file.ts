import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { localDataRoot } from './data-directory.ts';

export { localDataDirectory } from './data-directory.ts';

/**
 * Where a running `npm start` says which DynamoDB Local holds its data, so that `npm run job`
 * uses that one instead of starting a second process on the same data folder.
 */
export const endpointFilePath = join(localDataRoot, 'endpoint.json');

/** What `.data/endpoint.json` holds. */
export interface RunningEndpoint {
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** The `npm start` process, to tell a live file from one a crash left behind. */
  readonly pid: number;
  /**
   * DynamoDB Local's Java process, which outlives `npm start` when Node is killed outright (exit
   * hooks do not run then), so the next start can stop it before it opens the same data file.
   * Absent in files written before this was recorded.
   */
  readonly dynamoPid?: number;
}

/** Bound on the check that the endpoint in the file still answers. */
const endpointCheckTimeoutMs = 2_000;

/** Writes the endpoint file for this process's system. */
export async function writeEndpointFile(endpoint: RunningEndpoint): Promise<void> {
  await mkdir(dirname(endpointFilePath), { recursive: true });
  await writeFile(endpointFilePath, `${JSON.stringify(endpoint, null, 2)}\n`);
}

/** Removes the endpoint file, but only if it is still this process's. */
export async function removeEndpointFile(pid: number): Promise<void> {
  const current = await readEndpointFile();
  if (current?.pid === pid) await rm(endpointFilePath, { force: true });
}

/** The running system's endpoint, or undefined when none is running (no file, a dead process, or no answer). */
export async function readRunningEndpoint(): Promise<RunningEndpoint | undefined> {
  const endpoint = await readEndpointFile();
  if (endpoint === undefined || !isAlive(endpoint.pid)) return undefined;
  const client = dynamoClient(endpoint.dynamoEndpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), {
      abortSignal: AbortSignal.timeout(endpointCheckTimeoutMs),
    });
    return endpoint;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** The endpoint file as it is, whether its process still runs or not; undefined when missing or unreadable. */
export async function readEndpointFile(): Promise<RunningEndpoint | undefined> {
  try {
    const parsed = JSON.parse(await readFile(endpointFilePath, 'utf8')) as Partial<RunningEndpoint>;
    if (
      typeof parsed.dynamoEndpoint !== 'string' ||
      typeof parsed.tableName !== 'string' ||
      typeof parsed.pid !== 'number'
    )
      return undefined;
    return {
      dynamoEndpoint: parsed.dynamoEndpoint,
      tableName: parsed.tableName,
      pid: parsed.pid,
      ...(typeof parsed.dynamoPid === 'number' && { dynamoPid: parsed.dynamoPid }),
    };
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists (it may belong to another user). */
export function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks that the process exists without touching it.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means it is running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
