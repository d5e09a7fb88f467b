import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { S3PayoutFileStore } from '../../../shared/payouts/s3-payout-file-store.ts';
import { type FakeS3, startFakeS3 } from '../../support/fake-s3.ts';

/**
 * The S3 payout file store against a stand-in for S3's conditional writes, through the real SDK
 * client: create if absent, never replace, and never report a file as there when it may not be.
 */
describe('S3PayoutFileStore', () => {
  let directory: string;
  let s3: FakeS3;
  let files: S3PayoutFileStore;
  let names = 0;
  const nextName = () => {
    names += 1;
    return `2026-05-21/pf-${names}.pain.001.001.09.xml`;
  };
  const stored = (name: string) => readFile(path.join(directory, 'payouts', name), 'utf8').catch(() => undefined);

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'leerrekening-s3-'));
    s3 = await startFakeS3(directory);
    files = new S3PayoutFileStore(s3.client, s3.bucket);
  });

  afterEach(() => s3.answerNext([]));

  afterAll(async () => {
    await s3?.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it('creates a file that is absent, with a conditional write', async () => {
    const name = nextName();
    expect(await files.put(name, '<xml>one</xml>')).toBe('written');
    expect(await stored(name)).toBe('<xml>one</xml>');
    expect(s3.puts.at(-1)).toBe(`payouts/${name} *`);
  });

  it('leaves a file that is there alone, and says so', async () => {
    const name = nextName();
    await files.put(name, '<xml>first</xml>');
    expect(await files.put(name, '<xml>second</xml>')).toBe('exists');
    expect(await stored(name)).toBe('<xml>first</xml>');
  });

  // The defect: a 409 was taken for "the file is there". S3 answers 409 while another conditional
  // write of the key is in flight, and that write may fail (its run killed, its connection cut, or
  // the SDK's own earlier attempt of this very put timing out). The job then noted the file written
  // while it was not: its payouts were stamped with a file no run would write again.
  it('writes a file whose put met a concurrent write that never finished, not taking it as written', async () => {
    const name = nextName();
    s3.answerNext([409]);
    expect(await files.put(name, '<xml>mine</xml>')).toBe('written');
    expect(await stored(name)).toBe('<xml>mine</xml>');
  });

  it('finds the file there when the concurrent write it met did finish', async () => {
    const name = nextName();
    s3.answerNext([409], async (key) => {
      await mkdir(path.dirname(path.join(directory, key)), { recursive: true });
      await writeFile(path.join(directory, key), '<xml>theirs</xml>');
    });
    expect(await files.put(name, '<xml>theirs</xml>')).toBe('exists');
    expect(await stored(name)).toBe('<xml>theirs</xml>');
  });

  it('fails, so the file stays to be written by the next run, when every attempt meets a conflict', async () => {
    const name = nextName();
    s3.answerNext(Array.from({ length: 20 }, () => 409));
    const before = s3.puts.length;
    await expect(files.put(name, '<xml>never</xml>')).rejects.toMatchObject({ $metadata: { httpStatusCode: 409 } });
    expect(await stored(name)).toBeUndefined();
    // It tried again, as S3 asks, and then gave up in bounded time.
    expect(s3.puts.length - before).toBeGreaterThan(1);
    expect(s3.puts.length - before).toBeLessThan(20);
  });
});
