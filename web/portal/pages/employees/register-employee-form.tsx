import { Button, FormFieldTextbox, Heading2 } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { api, type Employment } from '../../api.ts';
import { bsnDigits } from '../../bsn-check.ts';
import { BsnField, bsnError } from '../../components/bsn-field.tsx';
import { isIsoDate } from '../../components/date-check.ts';
import { ActionResult, FormProblem, useFocusFirstInvalid } from '../../components/form-feedback.tsx';
import { refusalText } from '../../components/refusal.ts';
import { todayInNetherlands, useDate } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';

/** Registers an employment: BSN and first working day. Registering someone twice is harmless (200). */
export function RegisterEmployeeForm() {
  const { t } = usePortalLanguage();
  const texts = t.employees;
  const date = useDate();
  const form = useRef<HTMLFormElement>(null);
  const [bsn, setBsn] = useState('');
  const [startDate, setStartDate] = useState(todayInNetherlands);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [registered, setRegistered] = useState<Employment>();

  const bsnTexts = {
    label: texts.bsnLabel,
    hint: texts.bsnHint,
    problems: { empty: texts.bsnEmpty, digits: texts.bsnDigits, elfproef: texts.bsnCheck },
  };
  const dateError = startDate === '' ? texts.dateEmpty : isIsoDate(startDate) ? undefined : texts.dateInvalid;
  const invalid = bsnError(bsn, bsnTexts) !== undefined || dateError !== undefined;
  useFocusFirstInvalid(form, attempt, invalid);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    setProblem(undefined);
    setRegistered(undefined);
    if (invalid || busy) return;
    setBusy(true);
    try {
      setRegistered(await api.registerEmployee({ bsn: bsnDigits(bsn), startDate }));
      setBsn('');
      setAttempt(0);
    } catch (error) {
      setProblem(refusalText(error, texts.problems, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="register-title">
      <Heading2 id="register-title">{texts.register.title}</Heading2>
      {registered !== undefined && (
        <ActionResult title={texts.register.doneTitle}>{texts.register.done(date(registered.startDate))}</ActionResult>
      )}
      <form ref={form} onSubmit={submit} noValidate aria-labelledby="register-title" data-testid="register-form">
        <BsnField name="register-bsn" value={bsn} onChange={setBsn} texts={bsnTexts} showError={attempt > 0} />
        <FormFieldTextbox
          name="register-start"
          type="date"
          label={texts.register.startLabel}
          value={startDate}
          invalid={attempt > 0 && dateError !== undefined}
          errorMessage={attempt > 0 ? dateError : undefined}
          onChange={(event: React.FormEvent<HTMLDivElement>) => setStartDate((event.target as HTMLInputElement).value)}
        />
        {problem !== undefined && <FormProblem>{problem}</FormProblem>}
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy}>
          {busy ? texts.register.busy : texts.register.button}
        </Button>
      </form>
    </section>
  );
}
