import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { useId } from 'react';

/**
 * A labelled select in the NL Design System form field, as `FormFieldTextbox` is for a text box:
 * the description and the error message are tied to the select with `aria-describedby`, and the
 * error comes first, so a screen reader says what is wrong before the hint.
 */
export function SelectField({
  label,
  description,
  errorMessage,
  invalid = false,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  description?: string | undefined;
  errorMessage?: string | undefined;
  invalid?: boolean;
  name: string;
  value: string;
  options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const showError = invalid && errorMessage !== undefined;
  const describedBy = [showError ? errorId : undefined, description === undefined ? undefined : descriptionId]
    .filter((part) => part !== undefined)
    .join(' ');
  return (
    <FormField
      type="select"
      invalid={showError}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={
        description === undefined ? undefined : (
          <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription>
        )
      }
      errorMessage={showError ? <FormFieldErrorMessage id={errorId}>{errorMessage}</FormFieldErrorMessage> : undefined}
      input={
        <Select
          id={id}
          name={name}
          value={value}
          invalid={showError}
          aria-invalid={showError || undefined}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}
