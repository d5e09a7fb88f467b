import { Alert, Button, FormFieldTextbox, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { AppLink } from '../../../src/router.tsx';
import { useLoad } from '../../../src/use-load.ts';
import { ApiError, api, type Claim } from '../../api.ts';
import { bsnDigits, bsnProblem } from '../../bsn-check.ts';
import { isIsoDate } from '../../components/date-check.ts';
import { FormProblem } from '../../components/form-feedback.tsx';
import { refusalText } from '../../components/refusal.ts';
import { SelectField } from '../../components/select-field.tsx';
import { portalBase } from '../../config.ts';
import { moneyInputValue, todayInNetherlands, useParseMoney } from '../../format.ts';
import { type PortalMessages, usePortalLanguage } from '../../i18n/index.ts';
import { useOrganisation } from '../../organisation.ts';
import { newIdempotencyKey } from '../../requests.ts';
import { loadOwnCourses } from '../courses/own-courses.ts';

type Field = 'bsn' | 'courseId' | 'amount' | 'startDate';

interface Values {
  readonly bsn: string;
  readonly courseId: string;
  readonly amount: string;
  readonly startDate: string;
  readonly reference: string;
}

/** Why the API refused the claim, in words for this form. */
function refusal(error: unknown, t: PortalMessages): string {
  const own: Record<string, string> = {
    unknown_person: t.claims.errorUnknownPerson,
    unknown_course: t.claims.errorUnknownCourse,
    amount_exceeds_price: t.claims.errorExceedsPrice,
    invalid_start_date: t.claims.errorStartDate,
    claim_limit_reached: t.claims.errorLimit,
    provider_not_active: t.claims.errorNotActive,
    idempotency_key_reused: t.claims.errorKeyReused,
  };
  // A 400 this form has no sentence of its own for: something in the request the checks here missed.
  if (error instanceof ApiError && error.status === 400 && !Object.hasOwn(own, error.code ?? '')) {
    return t.claims.errorInvalid;
  }
  return refusalText(error, own, t);
}

/**
 * Claims funding for a person (`POST /v1/claims`). The BSN lives only in this form's state: it is
 * never put in the address, in storage or in a message, and the field is emptied once the claim is made.
 */
export function NewClaimForm({ onCreated }: { onCreated: (claim: Claim) => void }) {
  const { t, language } = usePortalLanguage();
  const parseMoney = useParseMoney();
  const organisation = useOrganisation();
  const courses = useLoad(() => loadOwnCourses(organisation.orgId), organisation.orgId);
  const empty: Values = { bsn: '', courseId: '', amount: '', startDate: todayInNetherlands(), reference: '' };
  const [values, setValues] = useState<Values>(empty);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [created, setCreated] = useState<Claim | undefined>();
  // One key per claim: kept until an answer arrives, so sending again after a lost answer makes no second claim.
  const idempotencyKey = useRef(newIdempotencyKey());
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created !== undefined) doneRef.current?.focus();
  }, [created]);

  const ownCourses = courses.state === 'ok' ? courses.data : [];
  const amount = parseMoney(values.amount);
  const errors: Partial<Record<Field, string>> = {};
  // The same check as every BSN field: spaces and dots allowed, nine digits, the elfproef.
  const bsnIssue = bsnProblem(values.bsn);
  if (bsnIssue !== undefined) errors.bsn = bsnIssue === 'elfproef' ? t.claims.errorBsnCheck : t.claims.errorBsn;
  if (values.courseId === '') errors.courseId = t.claims.errorCourse;
  if (amount === undefined) errors.amount = t.claims.errorAmount;
  else if (amount <= 0) errors.amount = t.claims.errorAmountZero;
  if (!isIsoDate(values.startDate.trim())) errors.startDate = t.claims.errorDate;
  const shown = (field: Field) => (submitted ? errors[field] : undefined);

  function chooseCourse(courseId: string) {
    const course = ownCourses.find((candidate) => candidate.courseId === courseId);
    setValues((previous) => ({
      ...previous,
      courseId,
      ...(course !== undefined && { amount: moneyInputValue(course.price, language) }),
      ...(course?.startDates?.[0] !== undefined && { startDate: course.startDates[0] }),
    }));
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setCreated(undefined);
    if (Object.keys(errors).length > 0 || amount === undefined) {
      setFailure(t.claims.errorSummary);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const reference = values.reference.trim();
      const claim = await api.createClaim(
        {
          bsn: bsnDigits(values.bsn),
          courseId: values.courseId,
          amount,
          startDate: values.startDate.trim(),
          ...(reference !== '' && { reference }),
        },
        idempotencyKey.current,
      );
      idempotencyKey.current = newIdempotencyKey();
      setValues(empty);
      setSubmitted(false);
      setCreated(claim);
      onCreated(claim);
    } catch (error) {
      // A refusal is final for this key; a lost answer is not, and a retry must repeat the same request.
      if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
      setFailure(refusal(error, t));
    } finally {
      setBusy(false);
    }
  }

  const set = (field: keyof Values) => (event: React.FormEvent<HTMLDivElement>) => {
    const value = (event.target as HTMLInputElement).value;
    setValues((previous) => ({ ...previous, [field]: value }));
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-claim-title">
      <Heading2 id="new-claim-title">{t.claims.newTitle}</Heading2>
      <Paragraph>{t.claims.newIntro}</Paragraph>
      {created !== undefined && (
        <Alert type="ok" ref={doneRef} tabIndex={-1}>
          <Paragraph>{t.claims.newDone(created.course.title)}</Paragraph>
          <Paragraph>
            <AppLink to={`${portalBase}claims/${encodeURIComponent(created.claimId)}`}>{t.claims.newOpen}</AppLink>
          </Paragraph>
        </Alert>
      )}
      {failure !== undefined && <FormProblem>{failure}</FormProblem>}
      <FormFieldTextbox
        name="bsn"
        label={t.claims.bsnLabel}
        description={t.claims.bsnHint}
        autoComplete="off"
        value={values.bsn}
        invalid={shown('bsn') !== undefined}
        errorMessage={shown('bsn')}
        onChange={set('bsn')}
      />
      <SelectField
        name="courseId"
        label={t.claims.courseLabel}
        value={values.courseId}
        invalid={shown('courseId') !== undefined}
        errorMessage={shown('courseId')}
        options={[
          { value: '', label: t.claims.courseChoose },
          ...ownCourses.map((course) => ({ value: course.courseId, label: course.title })),
        ]}
        onChange={chooseCourse}
      />
      <FormFieldTextbox
        name="amount"
        label={t.claims.newAmountLabel}
        description={t.claims.newAmountHint}
        autoComplete="off"
        value={values.amount}
        invalid={shown('amount') !== undefined}
        errorMessage={shown('amount')}
        onChange={set('amount')}
      />
      <FormFieldTextbox
        name="startDate"
        label={t.claims.startDateLabel}
        description={t.claims.startDateHint}
        autoComplete="off"
        value={values.startDate}
        invalid={shown('startDate') !== undefined}
        errorMessage={shown('startDate')}
        onChange={set('startDate')}
      />
      <FormFieldTextbox
        name="reference"
        label={t.claims.referenceLabel}
        autoComplete="off"
        value={values.reference}
        onChange={set('reference')}
      />
      <Paragraph>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy}>
          {busy ? t.claims.busy : t.claims.newSubmit}
        </Button>
      </Paragraph>
    </form>
  );
}
