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
 * A labelled choice from a list, laid out as the NL Design System's text fields are: label, hint,
 * error message (all tied to the select with `aria-describedby`), then the select itself.
 */
export function SelectField({
  name,
  label,
  description,
  errorMessage,
  value,
  options,
  onChange,
}: {
  name: string;
  label: string;
  description?: string | undefined;
  errorMessage?: string | undefined;
  value: string;
  options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const describedBy = [
    description === undefined ? undefined : `${id}-description`,
    errorMessage === undefined ? undefined : `${id}-error`,
  ].filter((part) => part !== undefined);
  return (
    <FormField type="select" invalid={errorMessage !== undefined}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description !== undefined && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {errorMessage !== undefined && <FormFieldErrorMessage id={`${id}-error`}>{errorMessage}</FormFieldErrorMessage>}
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          name={name}
          value={value}
          invalid={errorMessage !== undefined}
          aria-invalid={errorMessage !== undefined}
          aria-describedby={describedBy.length === 0 ? undefined : describedBy.join(' ')}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}
