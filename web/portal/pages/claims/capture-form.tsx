import { Button, FormFieldTextbox, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import type { Claim } from '../../api.ts';
import { isIsoDate } from '../../components/date-check.ts';
import { useFocusFirstInvalid } from '../../components/form-feedback.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { moneyInputValue, useMoney, useParseMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';

/** What the provider chose to capture, checked and ready to confirm. */
export interface Capture {
  readonly amount: number;
  readonly kind: 'attendance' | 'completion';
  readonly date: string;
}

/**
 * The day the API counts as today. It checks evidence dates against the UTC date, which in the
 * Netherlands is the same day or the day before; proposing the Dutch date would be refused in the
 * first hours after midnight.
 */
function todayForEvidence(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Amount (at most what is held), kind of evidence and its date; the confirmation comes next. */
export function CaptureForm({
  claim,
  held,
  onCapture,
}: {
  claim: Claim;
  held: number;
  onCapture: (capture: Capture) => void;
}) {
  const { t, language } = usePortalLanguage();
  const money = useMoney();
  const parseMoney = useParseMoney();
  const [amountInput, setAmountInput] = useState(() => moneyInputValue(held, language));
  const [kind, setKind] = useState<Capture['kind']>('completion');
  const [date, setDate] = useState(todayForEvidence);
  const form = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  const amount = parseMoney(amountInput);
  const amountError =
    amount === undefined
      ? t.claims.errorAmount
      : amount <= 0
        ? t.claims.errorAmountZero
        : amount > held
          ? t.claims.errorAmountTooHigh(money(held))
          : undefined;
  const trimmedDate = date.trim();
  const dateError = !isIsoDate(trimmedDate)
    ? t.claims.errorDate
    : trimmedDate < claim.startDate || trimmedDate > todayForEvidence()
      ? t.claims.errorEvidence
      : undefined;
  const invalid = amountError !== undefined || dateError !== undefined;
  const submitted = attempt > 0;
  useFocusFirstInvalid(form, attempt, invalid);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    if (invalid || amount === undefined) return;
    onCapture({ amount, kind, date: trimmedDate });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="capture-title">
      <Heading2 id="capture-title">{t.claims.captureTitle}</Heading2>
      <FormFieldTextbox
        name="amount"
        label={t.claims.captureAmountLabel}
        description={t.claims.captureAmountHint(money(held))}
        autoComplete="off"
        value={amountInput}
        invalid={submitted && amountError !== undefined}
        errorMessage={submitted ? amountError : undefined}
        onChange={(event: React.FormEvent<HTMLDivElement>) => setAmountInput((event.target as HTMLInputElement).value)}
      />
      <SelectField
        name="evidence"
        label={t.claims.evidenceLabel}
        value={kind}
        options={[
          { value: 'completion', label: t.claims.evidenceKinds.completion },
          { value: 'attendance', label: t.claims.evidenceKinds.attendance },
        ]}
        onChange={(value) => setKind(value === 'attendance' ? 'attendance' : 'completion')}
      />
      <FormFieldTextbox
        name="evidenceDate"
        label={t.claims.evidenceDateLabel}
        description={t.claims.evidenceDateHint}
        autoComplete="off"
        value={date}
        invalid={submitted && dateError !== undefined}
        errorMessage={submitted ? dateError : undefined}
        onChange={(event: React.FormEvent<HTMLDivElement>) => setDate((event.target as HTMLInputElement).value)}
      />
      <Paragraph>
        <Button type="submit" appearance="primary-action-button">
          {t.claims.captureButton}
        </Button>
      </Paragraph>
    </form>
  );
}
