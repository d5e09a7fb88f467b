import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * The folder where `npm start` keeps everything of a local run: DynamoDB Local's data, the endpoint
 * file and the payout files. `LEERREKENING_DATA_DIR` chooses another one (`.data` when unset), so a
 * test can run `npm start` on a throwaway folder without touching a developer's data.
 */
export const localDataRoot = resolve(process.env['LEERREKENING_DATA_DIR'] || '.data');

/** Where `npm start` keeps DynamoDB Local's data. */
export const localDataDirectory = join(localDataRoot, 'dynamodb');

/** A folder as the start-up banner shows it: relative to the working directory when inside it, else absolute. */
export function displayPath(folder: string): string {
  const fromHere = relative('.', folder);
  return fromHere === '' ? '.' : fromHere.startsWith('..') || isAbsolute(fromHere) ? folder : fromHere;
}
