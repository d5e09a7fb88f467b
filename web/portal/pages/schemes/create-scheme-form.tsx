import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldDescription,
  FormFieldTextbox,
  Heading2,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { api, type Scheme } from '../../api.ts';
import { baseCategories, categoryLabel } from '../../categories.ts';
import { isIsoDate } from '../../components/date-check.ts';
import { ActionResult, FormProblem, useFocusFirstInvalid } from '../../components/form-feedback.tsx';
import { refusalText } from '../../components/refusal.ts';
import { SelectField } from '../../components/select-field.tsx';
import { todayInNetherlands, useParseMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';

type ExpiryKind = 'none' | 'date' | 'months';

/** The API's bounds on what this form sends (`shared/ledger/limits.ts`), checked here to say so in words. */
const labelLengthMax = 200;
const expiresAfterMonthsMax = 120;

/** What the form holds, as typed. */
interface Fields {
  schemeId: string;
  label: string;
  expiry: ExpiryKind;
  /** The course categories checked; none means the money may pay for every course. */
  categories: readonly string[];
  expiresAt: string;
  months: string;
  maxPerCourse: string;
  budget: string;
  revocable: 'yes' | 'no';
}

const empty: Fields = {
  schemeId: '',
  label: '',
  expiry: 'none',
  categories: [],
  expiresAt: '',
  months: '',
  maxPerCourse: '',
  budget: '',
  revocable: 'no',
};

/** Defines a new scheme. Amounts are typed in euros and sent as integer cents (`useParseMoney`). */
export function CreateSchemeForm({ onCreated }: { onCreated: (scheme: Scheme) => void }) {
  const { t } = usePortalLanguage();
  const texts = t.schemes.create;
  const parseMoney = useParseMoney();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Fields>(empty);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [created, setCreated] = useState<Scheme>();
  const categoriesHint = useId();
  const set = (name: Exclude<keyof Fields, 'categories'>) => (event: React.FormEvent<HTMLDivElement>) =>
    setFields((previous) => ({ ...previous, [name]: (event.target as HTMLInputElement).value }));

  /** Checks or unchecks a category, keeping them in the order the form lists them. */
  function toggleCategory(category: string, checked: boolean) {
    setFields((previous) => ({
      ...previous,
      categories: baseCategories.filter((known) =>
        known === category ? checked : previous.categories.includes(known),
      ),
    }));
  }

  /** An optional amount: undefined when empty, the error when it is not a positive amount. */
  function optionalAmount(input: string): { cents?: number; error?: string } {
    if (input.trim() === '') return {};
    const cents = parseMoney(input);
    if (cents === undefined) return { error: texts.amountInvalid };
    if (cents <= 0) return { error: texts.amountZero };
    return { cents };
  }
  const months = Number(fields.months);
  const maxPerCourse = optionalAmount(fields.maxPerCourse);
  const budget = optionalAmount(fields.budget);
  const errors = {
    label:
      fields.label.trim() === ''
        ? texts.labelEmpty
        : fields.label.length > labelLengthMax
          ? texts.labelLong
          : undefined,
    schemeId:
      fields.schemeId === ''
        ? texts.idEmpty
        : /^[a-z0-9][a-z0-9-]*$/.test(fields.schemeId)
          ? undefined
          : texts.idFormat,
    expiresAt:
      fields.expiry === 'date' && !(isIsoDate(fields.expiresAt) && fields.expiresAt > todayInNetherlands())
        ? texts.expiresAtInvalid
        : undefined,
    months:
      fields.expiry === 'months' &&
      !(/^[0-9]+$/.test(fields.months.trim()) && months >= 1 && months <= expiresAfterMonthsMax)
        ? texts.monthsInvalid
        : undefined,
    maxPerCourse: maxPerCourse.error,
    budget: budget.error,
  };
  const invalid = Object.values(errors).some((error) => error !== undefined);
  const shown = (error: string | undefined) => (attempt > 0 ? error : undefined);
  useFocusFirstInvalid(form, attempt, invalid);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    setProblem(undefined);
    setCreated(undefined);
    if (invalid || busy) return;
    setBusy(true);
    try {
      const scheme = await api.createScheme({
        schemeId: fields.schemeId,
        label: fields.label.trim(),
        ...(fields.expiry === 'date' && { expiresAt: fields.expiresAt }),
        ...(fields.expiry === 'months' && { expiresAfterMonths: months }),
        ...(fields.categories.length > 0 && { categories: fields.categories }),
        ...(maxPerCourse.cents !== undefined && { maxPerCourse: maxPerCourse.cents }),
        ...(budget.cents !== undefined && { budget: budget.cents }),
        revocable: fields.revocable === 'yes',
      });
      setCreated(scheme);
      setFields(empty);
      setAttempt(0);
      onCreated(scheme);
    } catch (error) {
      setProblem(refusalText(error, t.schemes.problems, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-title">
      <Heading2 id="create-title">{texts.title}</Heading2>
      {created !== undefined && <ActionResult title={texts.doneTitle}>{texts.done(created.label)}</ActionResult>}
      <form ref={form} onSubmit={submit} noValidate aria-labelledby="create-title" data-testid="create-scheme">
        <FormFieldTextbox
          name="label"
          label={texts.labelLabel}
          description={texts.labelHint}
          autoComplete="off"
          value={fields.label}
          invalid={shown(errors.label) !== undefined}
          errorMessage={shown(errors.label)}
          onChange={set('label')}
        />
        <FormFieldTextbox
          name="schemeId"
          label={texts.idLabel}
          description={texts.idHint}
          autoComplete="off"
          value={fields.schemeId}
          invalid={shown(errors.schemeId) !== undefined}
          errorMessage={shown(errors.schemeId)}
          onChange={set('schemeId')}
        />
        <SelectField
          name="expiry"
          label={texts.expiryLegend}
          value={fields.expiry}
          options={[
            { value: 'none', label: texts.expiryNone },
            { value: 'date', label: texts.expiryDate },
            { value: 'months', label: texts.expiryMonths },
          ]}
          onChange={(value) => setFields((previous) => ({ ...previous, expiry: value as ExpiryKind }))}
        />
        {fields.expiry === 'date' && (
          <FormFieldTextbox
            name="expiresAt"
            type="date"
            label={texts.expiresAtLabel}
            value={fields.expiresAt}
            invalid={shown(errors.expiresAt) !== undefined}
            errorMessage={shown(errors.expiresAt)}
            onChange={set('expiresAt')}
          />
        )}
        {fields.expiry === 'months' && (
          <FormFieldTextbox
            name="months"
            label={texts.monthsLabel}
            autoComplete="off"
            value={fields.months}
            invalid={shown(errors.months) !== undefined}
            errorMessage={shown(errors.months)}
            onChange={set('months')}
          />
        )}
        <Fieldset aria-describedby={categoriesHint}>
          <FieldsetLegend>{texts.categoriesLegend}</FieldsetLegend>
          <FormFieldDescription id={categoriesHint}>{texts.categoriesHint}</FormFieldDescription>
          {baseCategories.map((category) => (
            <FormFieldCheckbox
              key={category}
              name="categories"
              value={category}
              label={categoryLabel(category, t)}
              checked={fields.categories.includes(category)}
              onChange={(event) => toggleCategory(category, event.target.checked)}
            />
          ))}
        </Fieldset>
        <FormFieldTextbox
          name="maxPerCourse"
          label={texts.maxLabel}
          description={texts.amountHint}
          autoComplete="off"
          value={fields.maxPerCourse}
          invalid={shown(errors.maxPerCourse) !== undefined}
          errorMessage={shown(errors.maxPerCourse)}
          onChange={set('maxPerCourse')}
        />
        <FormFieldTextbox
          name="budget"
          label={texts.budgetLabel}
          description={texts.amountHint}
          autoComplete="off"
          value={fields.budget}
          invalid={shown(errors.budget) !== undefined}
          errorMessage={shown(errors.budget)}
          onChange={set('budget')}
        />
        <SelectField
          name="revocable"
          label={texts.revocableLabel}
          value={fields.revocable}
          options={[
            { value: 'no', label: texts.revocableNo },
            { value: 'yes', label: texts.revocableYes },
          ]}
          onChange={(value) => setFields((previous) => ({ ...previous, revocable: value === 'yes' ? 'yes' : 'no' }))}
        />
        {problem !== undefined && <FormProblem>{problem}</FormProblem>}
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy}>
          {busy ? texts.busy : texts.button}
        </Button>
      </form>
    </section>
  );
}
