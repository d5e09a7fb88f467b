import {
  Button,
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useRouter } from '../../../src/router.tsx';
import { api } from '../../api.ts';
import { FileDropZone } from '../../components/file-drop-zone.tsx';
import { FormProblem } from '../../components/form-feedback.tsx';
import { refusalText } from '../../components/refusal.ts';
import { portalBase } from '../../config.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { downloadText, newIdempotencyKey, outcomeUnknown } from '../../requests.ts';
import { withoutReasonColumn } from './refused-rows.ts';
import { keepUploadedFile } from './uploaded-files.ts';

/** The API's largest upload (`limits.requestBodyBytesMax` for batches): larger files are refused here, in words. */
const uploadBytesMax = 4 * 1024 * 1024;

/** An example file in the API's CSV format, as the download offers it. */
const exampleCsv = [
  'bsn;schemeId;amount;reference',
  '999990019;ontwikkelbudget;25000;Ontwikkelbudget 2027',
  '999993653;ontwikkelbudget;125000;"Team Noord; ronde 1"',
  '',
].join('\r\n');

/** A file size in words: `2 kB`, `1,3 MB`. */
function sizeText(bytes: number, language: string): string {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024
    ? `${format.format(Math.max(1, Math.round(bytes / 1024)))} kB`
    : `${format.format(bytes / 1024 / 1024)} MB`;
}

/** Whether a chosen file looks like CSV by its name or its type (browsers differ in the type they give). */
function looksLikeCsv(file: File): boolean {
  return /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv';
}

/** The same file chosen again: its name, size and last change. */
function fileIdentity(file: File): string {
  return `${file.name}\n${file.size}\n${file.lastModified}`;
}

/**
 * Uploads a CSV file of deposits: chosen with the file field or dropped on it, sent as it is (its
 * own bytes, so a file saved in another encoding is judged by the API as it is; only the reason
 * column of a refused-rows download is left out), then on to the batch's page to follow it.
 */
export function UploadForm() {
  const { t, language } = usePortalLanguage();
  const texts = t.deposits.uploads;
  const { navigate } = useRouter();
  const [file, setFile] = useState<File>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  // One key per file: a retry after a lost answer is the same batch, another file another batch.
  // While the last upload's outcome is unknown, choosing the same file again (same name, size and
  // time) keeps the key, so its rows are never paid twice.
  const idempotencyKey = useRef<string>(undefined);
  const unknownOutcomeOf = useRef<string>(undefined);

  const fileError =
    file === undefined
      ? texts.fileEmpty
      : !looksLikeCsv(file)
        ? texts.fileNotCsv
        : file.size > uploadBytesMax
          ? texts.fileTooLarge
          : undefined;

  function choose(chosen: File | undefined) {
    setFile(chosen);
    setProblem(undefined);
    if (chosen === undefined || unknownOutcomeOf.current !== fileIdentity(chosen)) idempotencyKey.current = undefined;
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    setProblem(undefined);
    if (file === undefined || fileError !== undefined || busy) {
      document.querySelector<HTMLInputElement>('.lr-drop-zone__input')?.focus();
      return;
    }
    idempotencyKey.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      const text = await file.text().catch(() => undefined);
      if (text === undefined) {
        setProblem(texts.fileUnreadable);
        return;
      }
      // The refused rows downloaded here, fixed and uploaded again, go without the reason column the
      // download added. Only a file read as text without a fault: any other goes as its own bytes.
      const fixed = text.includes('\uFFFD') ? undefined : withoutReasonColumn(text);
      const { batchId } = await api.uploadDeposits(fixed ?? file, idempotencyKey.current);
      unknownOutcomeOf.current = undefined;
      keepUploadedFile(batchId, fixed ?? text);
      navigate(`${portalBase}uploads/${encodeURIComponent(batchId)}`);
    } catch (error) {
      unknownOutcomeOf.current = outcomeUnknown(error) ? fileIdentity(file) : undefined;
      // The API has answered: this key is used up, and the next upload is a new one.
      if (unknownOutcomeOf.current === undefined) idempotencyKey.current = undefined;
      setProblem(refusalText(error, texts.problems, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="upload-title">
      <Heading2 id="upload-title">{texts.newTitle}</Heading2>
      <Heading3 id="format-title">{texts.formatTitle}</Heading3>
      <Paragraph>{texts.formatIntro}</Paragraph>
      <UnorderedList aria-labelledby="format-title">
        {texts.columns.map((column) => (
          <UnorderedListItem key={column.name}>
            <code>{column.name}</code>: {column.text}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        <Button appearance="subtle-button" onClick={() => downloadText(texts.exampleFile, exampleCsv)}>
          {texts.example}
        </Button>
      </Paragraph>
      <form onSubmit={submit} noValidate aria-labelledby="upload-title" data-testid="upload-form">
        <FileDropZone
          name="file"
          label={texts.fileLabel}
          description={texts.fileHint}
          dropHint={texts.dropHere}
          accept=".csv,text/csv"
          chosen={file === undefined ? undefined : texts.chosen(file.name, sizeText(file.size, language))}
          errorMessage={attempt > 0 ? fileError : undefined}
          onFile={choose}
        />
        {problem !== undefined && <FormProblem>{problem}</FormProblem>}
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy}>
          {busy ? texts.busy : texts.button}
        </Button>
      </form>
    </section>
  );
}
