import { Button, FormFieldTextbox, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { api } from '../../api.ts';
import { bsnDigits } from '../../bsn-check.ts';
import { BsnField, bsnError } from '../../components/bsn-field.tsx';
import { Confirm } from '../../components/confirm.tsx';
import { isIsoDate } from '../../components/date-check.ts';
import { ActionResult, FormProblem, useFocusFirstInvalid } from '../../components/form-feedback.tsx';
import { refusalText } from '../../components/refusal.ts';
import { todayInNetherlands, useDate, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { newIdempotencyKey } from '../../requests.ts';

/** Where ending an employment is: filling in, confirming with the amount in view, or done. */
type Step =
  | { readonly kind: 'form' }
  | {
      readonly kind: 'confirm';
      readonly bsn: string;
      readonly endDate: string;
      readonly returned: number;
      /** One key for this confirmation: a retry after a lost answer cannot return money twice. */
      readonly idempotencyKey: string;
    }
  | { readonly kind: 'done'; readonly returned: number };

/**
 * Ends an employment in two steps: first the API's preview says how much will come back to the
 * employer (nothing moves), then the employer confirms with that amount in view and the end is sent.
 */
export function EndEmploymentForm() {
  const { t } = usePortalLanguage();
  const texts = t.employees;
  const money = useMoney();
  const date = useDate();
  const form = useRef<HTMLFormElement>(null);
  const [bsn, setBsn] = useState('');
  const [endDate, setEndDate] = useState(todayInNetherlands);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [step, setStep] = useState<Step>({ kind: 'form' });

  const bsnTexts = {
    label: texts.bsnLabel,
    hint: texts.bsnHint,
    problems: { empty: texts.bsnEmpty, digits: texts.bsnDigits, elfproef: texts.bsnCheck },
  };
  const dateError =
    endDate === ''
      ? texts.dateEmpty
      : !isIsoDate(endDate)
        ? texts.dateInvalid
        : endDate > todayInNetherlands()
          ? texts.end.endFuture
          : undefined;
  const invalid = bsnError(bsn, bsnTexts) !== undefined || dateError !== undefined;
  useFocusFirstInvalid(form, attempt, invalid);

  async function preview(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    setProblem(undefined);
    if (invalid || busy) return;
    setBusy(true);
    try {
      const request = { bsn: bsnDigits(bsn), endDate };
      const { returned } = await api.previewEndEmployment(request);
      setStep({ kind: 'confirm', ...request, returned, idempotencyKey: newIdempotencyKey() });
    } catch (error) {
      setProblem(refusalText(error, texts.problems, t));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (step.kind !== 'confirm' || busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const { returned } = await api.endEmployment({ bsn: step.bsn, endDate: step.endDate }, step.idempotencyKey);
      setStep({ kind: 'done', returned });
      setBsn('');
      setAttempt(0);
    } catch (error) {
      // The key stays: pressing "Ja" again after a network failure repeats this same request.
      setProblem(refusalText(error, texts.problems, t));
    } finally {
      setBusy(false);
    }
  }

  function startAgain() {
    setStep({ kind: 'form' });
    setProblem(undefined);
  }

  return (
    <section aria-labelledby="end-title">
      <Heading2 id="end-title">{texts.end.title}</Heading2>
      <Paragraph>{texts.end.intro}</Paragraph>
      {step.kind === 'confirm' && (
        <Confirm
          title={texts.end.confirmTitle}
          confirmLabel={texts.end.confirm}
          cancelLabel={texts.end.cancel}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={startAgain}
        >
          <Paragraph data-testid="end-preview">
            {step.returned > 0
              ? texts.end.confirmAmount(money(step.returned), date(step.endDate))
              : texts.end.confirmNothing(date(step.endDate))}
          </Paragraph>
          <Paragraph>{texts.end.confirmHeld}</Paragraph>
          {problem !== undefined && <FormProblem>{problem}</FormProblem>}
        </Confirm>
      )}
      {step.kind === 'done' && (
        <>
          <ActionResult title={texts.end.doneTitle}>{texts.end.done(money(step.returned))}</ActionResult>
          <Paragraph>
            <Button appearance="secondary-action-button" onClick={startAgain}>
              {texts.end.again}
            </Button>
          </Paragraph>
        </>
      )}
      {step.kind === 'form' && (
        <form ref={form} onSubmit={preview} noValidate aria-labelledby="end-title" data-testid="end-form">
          <BsnField name="end-bsn" value={bsn} onChange={setBsn} texts={bsnTexts} showError={attempt > 0} />
          <FormFieldTextbox
            name="end-date"
            type="date"
            label={texts.end.endLabel}
            description={texts.end.endHint}
            max={todayInNetherlands()}
            value={endDate}
            invalid={attempt > 0 && dateError !== undefined}
            errorMessage={attempt > 0 ? dateError : undefined}
            onChange={(event: React.FormEvent<HTMLDivElement>) => setEndDate((event.target as HTMLInputElement).value)}
          />
          {problem !== undefined && <FormProblem>{problem}</FormProblem>}
          <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy}>
            {busy ? texts.end.busy : texts.end.button}
          </Button>
        </form>
      )}
    </section>
  );
}
