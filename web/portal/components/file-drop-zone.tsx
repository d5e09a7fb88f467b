import { FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { type DragEvent, useId, useState } from 'react';
import './file-drop-zone.css';

/**
 * A file field that is also a place to drop a file. The file input itself stays visible and in the
 * tab order, with a visible label, so choosing a file works with a keyboard and a screen reader as
 * in any form; dropping a file on the box is a shortcut for those who drag.
 */
export function FileDropZone({
  name,
  label,
  description,
  dropHint,
  chosen,
  errorMessage,
  accept,
  onFile,
}: {
  name: string;
  label: string;
  description: string;
  /** Shown while a file is dragged over the box. */
  dropHint: string;
  /** What is chosen now, in words (`Gekozen: stortingen.csv (2 kB)`), when something is. */
  chosen?: string | undefined;
  errorMessage?: string | undefined;
  accept: string;
  onFile: (file: File | undefined) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const describedBy = [
    `${id}-description`,
    chosen === undefined ? '' : `${id}-chosen`,
    errorMessage ? `${id}-error` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');

  function dragOver(event: DragEvent<HTMLDivElement>) {
    // Without preventDefault the browser opens the dropped file instead of handing it to the page.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) onFile(file);
  }

  return (
    // Dropping is a mouse shortcut only: the file input inside is how the keyboard chooses a file.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above.
    <div
      className="lr-drop-zone"
      data-dragging={dragging}
      data-invalid={errorMessage !== undefined}
      data-testid="drop-zone"
      onDragEnter={dragOver}
      onDragOver={dragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <FormLabel htmlFor={id} className="lr-drop-zone__label">
        {label}
      </FormLabel>
      <FormFieldDescription id={`${id}-description`}>{dragging ? dropHint : description}</FormFieldDescription>
      {errorMessage !== undefined && <FormFieldErrorMessage id={`${id}-error`}>{errorMessage}</FormFieldErrorMessage>}
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        className="lr-drop-zone__input"
        aria-describedby={describedBy}
        aria-invalid={errorMessage !== undefined}
        onChange={(event) => onFile(event.target.files?.[0])}
      />
      {chosen !== undefined && (
        <p id={`${id}-chosen`} className="lr-drop-zone__chosen" data-testid="chosen-file">
          {chosen}
        </p>
      )}
    </div>
  );
}
