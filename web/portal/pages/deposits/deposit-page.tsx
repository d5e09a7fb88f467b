import { Button, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { AppLink } from '../../../src/router.tsx';
import { useLoad } from '../../../src/use-load.ts';
import { api, type Deposit, type Scheme } from '../../api.ts';
import { bsnDigits } from '../../bsn-check.ts';
import { BsnField, bsnError } from '../../components/bsn-field.tsx';
import { Confirm } from '../../components/confirm.tsx';
import { ActionResult, FormProblem, useFocusFirstInvalid } from '../../components/form-feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { refusalText } from '../../components/refusal.ts';
import { SelectField } from '../../components/select-field.tsx';
import { portalBase } from '../../config.ts';
import { useMoney, useParseMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { loadOwnSchemes } from '../../own-schemes.ts';
import { newIdempotencyKey, outcomeUnknown } from '../../requests.ts';
import type { RouteParams } from '../../routes.ts';

/** The API's largest reference (`limits.referenceLengthMax`), checked here to say so in words. */
const referenceLengthMax = 200;

/** What `POST /v1/deposits` is sent once the deposit is confirmed. */
type DepositRequest = Parameters<typeof api.deposit>[0];

/**
 * One deposit into one person's learning account, from one of the organisation's own schemes. A
 * deposit cannot be undone, so the checked form first says where the money goes; only "Ja" sends it.
 */
export function DepositPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const schemes = useLoad(loadOwnSchemes, 'schemes');
  return (
    <>
      <PageHeading>{t.deposits.title}</PageHeading>
      <Paragraph>
        {t.deposits.intro} <AppLink to={`${portalBase}uploads`}>{t.deposits.toUploads}</AppLink>
      </Paragraph>
      {schemes.state === 'loading' && <Loading />}
      {schemes.state === 'error' && <Problem error={schemes.error} retry={schemes.reload} />}
      {schemes.state === 'ok' && schemes.data.length === 0 && (
        <Paragraph>
          {t.deposits.noSchemes} <AppLink to={`${portalBase}schemes`}>{t.deposits.toSchemes}</AppLink>
        </Paragraph>
      )}
      {schemes.state === 'ok' && schemes.data.length > 0 && <DepositForm schemes={schemes.data} />}
    </>
  );
}

function DepositForm({ schemes }: { schemes: readonly Scheme[] }) {
  const { t } = usePortalLanguage();
  const texts = t.deposits;
  const money = useMoney();
  const parseMoney = useParseMoney();
  const form = useRef<HTMLFormElement>(null);
  const [bsn, setBsn] = useState('');
  const [schemeId, setSchemeId] = useState(schemes.length === 1 ? (schemes[0]?.schemeId ?? '') : '');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [deposited, setDeposited] = useState<Deposit>();
  // The checked deposit awaiting "Ja": nothing is sent before that. The form is kept as it was.
  const [pending, setPending] = useState<DepositRequest>();
  // Bumped by "Nee": the form comes back with the focus on its first field, to check what was filled in.
  const [returned, setReturned] = useState(0);
  // One key per deposit someone means to make: kept while the answer has not come (a retry after a
  // network failure is the same deposit), replaced once it has, or when the form is changed, but
  // not while the last attempt's outcome is unknown: it may have been deposited all the same.
  const idempotencyKey = useRef<string>(undefined);
  const unknownOutcome = useRef(false);

  const bsnTexts = {
    label: texts.bsnLabel,
    hint: texts.bsnHint,
    problems: { empty: texts.bsnEmpty, digits: texts.bsnDigits, elfproef: texts.bsnCheck },
  };
  const cents = parseMoney(amount);
  const errors = {
    bsn: bsnError(bsn, bsnTexts),
    schemeId: schemeId === '' ? texts.schemeEmpty : undefined,
    amount: cents === undefined ? texts.amountInvalid : cents <= 0 ? texts.amountZero : undefined,
    reference: reference.length > referenceLengthMax ? texts.referenceLong : undefined,
  };
  const invalid = Object.values(errors).some((error) => error !== undefined);
  const shown = (error: string | undefined) => (attempt > 0 ? error : undefined);
  useFocusFirstInvalid(form, attempt, invalid);
  useEffect(() => {
    if (returned > 0) form.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [returned]);

  /** A change to the form is another deposit: it gets a key of its own. */
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      if (!unknownOutcome.current) idempotencyKey.current = undefined;
      set(value);
    };

  /** The form is checked here; a deposit that passes is shown to confirm, not sent. */
  function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    setProblem(undefined);
    setDeposited(undefined);
    if (invalid || cents === undefined || busy) return;
    const trimmed = reference.trim();
    setPending({ bsn: bsnDigits(bsn), schemeId, amount: cents, ...(trimmed !== '' && { reference: trimmed }) });
  }

  async function confirm() {
    if (pending === undefined || busy) return;
    idempotencyKey.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      const answer = await api.deposit(pending, idempotencyKey.current);
      idempotencyKey.current = undefined;
      unknownOutcome.current = false;
      setDeposited(answer);
      setBsn('');
      setAmount('');
      setReference('');
      setAttempt(0);
    } catch (error) {
      unknownOutcome.current = outcomeUnknown(error);
      // The API has answered: this key is used up, whatever the form says next.
      if (!unknownOutcome.current) idempotencyKey.current = undefined;
      // Back to the form as it was filled in, with the reason above its button.
      setProblem(refusalText(error, texts.problems, t));
    } finally {
      setPending(undefined);
      setBusy(false);
    }
  }

  function cancel() {
    setPending(undefined);
    setReturned((value) => value + 1);
  }

  const schemeLabel = (id: string) => schemes.find((scheme) => scheme.schemeId === id)?.label ?? id;
  return (
    <>
      {deposited !== undefined && (
        <ActionResult title={texts.doneTitle}>
          {texts.done(money(deposited.amount), schemeLabel(deposited.schemeId))}
        </ActionResult>
      )}
      {pending !== undefined && (
        <Confirm
          title={texts.confirmTitle}
          confirmLabel={busy ? texts.busy : texts.confirmYes}
          cancelLabel={texts.confirmNo}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        >
          <Paragraph data-testid="deposit-preview">
            {texts.confirmAmount(money(pending.amount), pending.bsn.slice(-3), schemeLabel(pending.schemeId))}
          </Paragraph>
          <Paragraph>{texts.confirmFinal}</Paragraph>
        </Confirm>
      )}
      {pending === undefined && (
        <form ref={form} onSubmit={submit} noValidate aria-labelledby="page-title" data-testid="deposit-form">
          <BsnField name="bsn" value={bsn} onChange={changed(setBsn)} texts={bsnTexts} showError={attempt > 0} />
          <SelectField
            name="schemeId"
            label={texts.schemeLabel}
            value={schemeId}
            invalid={shown(errors.schemeId) !== undefined}
            errorMessage={shown(errors.schemeId)}
            options={[
              ...(schemes.length === 1 ? [] : [{ value: '', label: texts.schemeChoose }]),
              ...schemes.map((scheme) => ({ value: scheme.schemeId, label: `${scheme.label} (${scheme.schemeId})` })),
            ]}
            onChange={changed(setSchemeId)}
          />
          <FormFieldTextbox
            name="amount"
            label={texts.amountLabel}
            description={texts.amountHint}
            autoComplete="off"
            value={amount}
            invalid={shown(errors.amount) !== undefined}
            errorMessage={shown(errors.amount)}
            onChange={(event: React.FormEvent<HTMLDivElement>) =>
              changed(setAmount)((event.target as HTMLInputElement).value)
            }
          />
          <FormFieldTextbox
            name="reference"
            label={texts.referenceLabel}
            description={texts.referenceHint}
            autoComplete="off"
            value={reference}
            invalid={shown(errors.reference) !== undefined}
            errorMessage={shown(errors.reference)}
            onChange={(event: React.FormEvent<HTMLDivElement>) =>
              changed(setReference)((event.target as HTMLInputElement).value)
            }
          />
          {problem !== undefined && <FormProblem>{problem}</FormProblem>}
          <Button type="submit" appearance="primary-action-button">
            {texts.button}
          </Button>
        </form>
      )}
    </>
  );
}
