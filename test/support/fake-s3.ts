import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * A stand-in for S3's PutObject with `If-None-Match: *` (conditional writes), over HTTP, so the real
 * SDK client talks to it and turns its answers into the SDK's errors. Objects are files under
 * `directory`, named by their key. The next answers can be set to a status first: a 409
 * `ConditionalRequestConflict` is what S3 answers while another conditional write of the same key
 * is in flight, which may still fail.
 */
export interface FakeS3 {
  /** A client for the fake, with credentials and region of its own. */
  readonly client: S3Client;
  readonly bucket: string;
  /**
   * Statuses the next PUTs get instead of being handled, in place of any set before; `onConflict`
   * runs as each 409 is answered.
   */
  answerNext(statuses: readonly number[], onConflict?: (key: string) => Promise<void>): void;
  /** Every PUT received, as `key if-none-match`. */
  readonly puts: string[];
  stop(): Promise<void>;
}

const errorCodes: Record<number, string> = {
  409: 'ConditionalRequestConflict',
  412: 'PreconditionFailed',
  500: 'InternalError',
};

function error(response: ServerResponse, status: number): void {
  const code = errorCodes[status] ?? 'Error';
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeS3(directory: string, bucket = 'payouts'): Promise<FakeS3> {
  const scripted: number[] = [];
  let conflictHook: ((key: string) => Promise<void>) | undefined;
  const puts: string[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const prefix = `/${bucket}/`;
      if (request.method !== 'PUT' || !url.pathname.startsWith(prefix)) return error(response, 500);
      const key = decodeURIComponent(url.pathname.slice(prefix.length));
      const body = await bodyOf(request);
      puts.push(`${key} ${request.headers['if-none-match'] ?? ''}`);
      const status = scripted.shift();
      if (status !== undefined) {
        if (status === 409) await conflictHook?.(key);
        return error(response, status);
      }
      const file = path.join(directory, key);
      if (!file.startsWith(path.resolve(directory) + path.sep)) return error(response, 500);
      const exists = await readFile(file).then(
        () => true,
        () => false,
      );
      if (exists && request.headers['if-none-match'] === '*') return error(response, 412);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
      response.writeHead(200, { etag: '"fake"' });
      response.end();
    })().catch(() => error(response, 500));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    client,
    bucket,
    puts,
    answerNext: (statuses, onConflict) => {
      scripted.splice(0, scripted.length, ...statuses);
      conflictHook = onConflict;
    },
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((failed) => (failed ? reject(failed) : resolve())));
    },
  };
}
