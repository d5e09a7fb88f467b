import { FormFieldTextbox } from '@utrecht/component-library-react';
import { type BsnProblem, bsnProblem } from '../bsn-check.ts';

/** The texts a BSN field needs, from the page that has it. */
export interface BsnFieldTexts {
  readonly label: string;
  readonly hint: string;
  readonly problems: Readonly<Record<BsnProblem, string>>;
}

/** The error to show under a BSN field, or undefined. */
export function bsnError(value: string, texts: BsnFieldTexts): string | undefined {
  const problem = bsnProblem(value);
  return problem === undefined ? undefined : texts.problems[problem];
}

/**
 * A field for a BSN: nine digits, checked with the elfproef when the form is sent. Browsers do not
 * remember it (`autoComplete="off"`): a BSN is personal data, and the next person at the same
 * computer should not be offered it.
 */
export function BsnField({
  name,
  value,
  onChange,
  texts,
  showError,
  apiError,
}: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  texts: BsnFieldTexts;
  /** True once the form was sent: errors are shown from then on, not while typing. */
  showError: boolean;
  /** What the API said about the BSN (unknown person, not employed), when it did. */
  apiError?: string | undefined;
}) {
  const error = showError ? (bsnError(value, texts) ?? apiError) : undefined;
  return (
    <FormFieldTextbox
      name={name}
      label={texts.label}
      description={texts.hint}
      autoComplete="off"
      value={value}
      invalid={error !== undefined}
      errorMessage={error}
      onChange={(event: React.FormEvent<HTMLDivElement>) => onChange((event.target as HTMLInputElement).value)}
    />
  );
}
