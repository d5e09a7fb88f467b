import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PayoutFileStore } from './payout-file-store.ts';

/**
 * Payout files in a local folder (`.data/payouts/` when run locally). The content is written to a
 * temporary file first and then hard-linked to its name, which fails if the name exists: so a
 * file is either complete or absent, and never overwritten.
 */
export class FilesystemPayoutFileStore implements PayoutFileStore {
  constructor(private readonly directory: string) {}

  async put(name: string, content: string): Promise<'written' | 'exists'> {
    const target = path.resolve(this.directory, name);
    if (!target.startsWith(path.resolve(this.directory) + path.sep))
      throw new Error(`payout file name ${name} leaves the payout folder`);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    try {
      await link(temporary, target);
      return 'written';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    } finally {
      await unlink(temporary);
    }
  }
}
