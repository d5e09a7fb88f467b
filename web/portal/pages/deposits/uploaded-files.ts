/**
 * The text of a file someone uploaded, kept in this tab's sessionStorage by batch id, so that the
 * refused rows can be handed back as they were written. It is the user's own file in their own
 * tab (it holds BSNs, but so does the file on their disk, and sessionStorage ends with the tab);
 * the key is the batch id only, never anything from the file. It goes when the session ends
 * (`forgetUserData`), as soon as the refused rows have been downloaded, and after a day (checked
 * whenever the list of uploads or a batch is shown): nobody fixes a file a day later.
 */

import { userDataPrefix } from '../../session.ts';

const prefix = `${userDataPrefix}uploaded-file:`;
/** How long a file's text is kept at most. */
const keptMs = 24 * 60 * 60 * 1000;

interface Kept {
  readonly text: string;
  readonly keptAt: number;
}

/** Keeps the uploaded text for the batch; a file too large for the browser's storage is not kept. */
export function keepUploadedFile(batchId: string, text: string, now = Date.now()): void {
  try {
    sessionStorage.setItem(`${prefix}${batchId}`, JSON.stringify({ text, keptAt: now } satisfies Kept));
  } catch {
    // Over the storage quota (a file of several MB): the refused rows are then exported by number.
  }
}

/** The text uploaded for the batch in this tab, when it is still kept. */
export function uploadedFile(batchId: string): string | undefined {
  const stored = sessionStorage.getItem(`${prefix}${batchId}`);
  if (stored === null) return undefined;
  try {
    const kept = JSON.parse(stored) as Partial<Kept>;
    return typeof kept.text === 'string' ? kept.text : undefined;
  } catch {
    return undefined;
  }
}

export function forgetUploadedFile(batchId: string): void {
  sessionStorage.removeItem(`${prefix}${batchId}`);
}

/** Removes every kept file older than a day (or unreadable). */
export function forgetOldUploadedFiles(now = Date.now()): void {
  for (let index = sessionStorage.length - 1; index >= 0; index -= 1) {
    const key = sessionStorage.key(index);
    if (key === null || !key.startsWith(prefix)) continue;
    let keptAt: unknown;
    try {
      keptAt = (JSON.parse(sessionStorage.getItem(key) ?? '') as Partial<Kept>).keptAt;
    } catch {
      keptAt = undefined;
    }
    if (typeof keptAt !== 'number' || now - keptAt > keptMs) sessionStorage.removeItem(key);
  }
}
