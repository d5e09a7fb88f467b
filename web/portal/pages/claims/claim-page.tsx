/**
 * One claim of the provider, at `/zakelijk/claims/:claimId`: its facts and what can be done with
 * it now. An approved claim can be captured (all or part of what is held) or cancelled; a claim
 * that awaits approval can be withdrawn. Each action first says what will happen to the money.
 */
import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { AppLink } from '../../../src/router.tsx';
import { useLoad } from '../../../src/use-load.ts';
import { ApiError, api, type Claim } from '../../api.ts';
import { Confirm } from '../../components/confirm.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem, problemText } from '../../components/problem.tsx';
import { portalBase } from '../../config.ts';
import { useMoney } from '../../format.ts';
import { type PortalMessages, usePortalLanguage } from '../../i18n/index.ts';
import { newIdempotencyKey } from '../../requests.ts';
import type { RouteParams } from '../../routes.ts';
import { type Capture, CaptureForm } from './capture-form.tsx';
import { ClaimFacts, reservedOf } from './claim-facts.tsx';

export function ClaimPage({ params }: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const claimId = params['claimId'] ?? '';
  const claim = useLoad(() => api.claim(claimId), claimId);
  if (claim.state === 'ok') return <ClaimView initial={claim.data} />;
  const missing = claim.state === 'error' && claim.error instanceof ApiError && claim.error.status === 404;
  return (
    <>
      <PageHeading>{t.claims.title}</PageHeading>
      {claim.state === 'loading' && <Loading />}
      {claim.state === 'error' &&
        (missing ? (
          <Alert type="error">
            <Paragraph>{t.claims.notFound}</Paragraph>
          </Alert>
        ) : (
          <Problem error={claim.error} retry={claim.reload} />
        ))}
      <BackLink />
    </>
  );
}

function BackLink() {
  const { t } = usePortalLanguage();
  return (
    <Paragraph>
      <AppLink to={`${portalBase}claims`}>{t.claims.back}</AppLink>
    </Paragraph>
  );
}

type Step =
  | { readonly name: 'idle' }
  | { readonly name: 'confirm-capture'; readonly capture: Capture }
  | { readonly name: 'confirm-cancel' }
  | { readonly name: 'sending'; readonly capture?: Capture };

/** Why the API refused a capture or a cancellation, in words for this page. */
function refusal(error: unknown, t: PortalMessages): string {
  if (!(error instanceof ApiError)) return problemText(error, t);
  switch (error.code) {
    case 'invalid_claim_state':
    case 'claim_not_approvable':
      return t.claims.errorState;
    case 'amount_exceeds_reserved':
      return t.claims.errorTooMuch;
    case 'invalid_evidence':
      return t.claims.errorEvidence;
    case 'provider_not_active':
      return t.claims.errorNotActive;
    case 'idempotency_key_reused':
      return t.claims.errorKeyReused;
    default:
      return error.status === 404 ? t.claims.notFound : problemText(error, t);
  }
}

function ClaimView({ initial }: { initial: Claim }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const [claim, setClaim] = useState(initial);
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string } | undefined>();
  // One key per action: kept until an answer arrives, so a retry after a lost answer never moves money twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message !== undefined) messageRef.current?.focus();
  }, [message]);

  const held = reservedOf(claim);
  const canCapture = claim.status === 'approved';
  const canCancel = claim.status === 'approved' || claim.status === 'awaiting_approval';

  async function send(capture: Capture | undefined) {
    setStep({ name: 'sending', ...(capture !== undefined && { capture }) });
    const withdrawing = claim.status === 'awaiting_approval';
    try {
      const next =
        capture === undefined
          ? await api.cancel(claim.claimId, idempotencyKey.current)
          : await api.capture(
              claim.claimId,
              { amount: capture.amount, evidence: { kind: capture.kind, date: capture.date } },
              idempotencyKey.current,
            );
      idempotencyKey.current = newIdempotencyKey();
      setClaim(next);
      setStep({ name: 'idle' });
      setMessage({
        type: 'ok',
        text:
          capture !== undefined
            ? t.claims.captureDone(money(capture.amount))
            : withdrawing
              ? t.claims.withdrawDone
              : t.claims.cancelDone(money(held)),
      });
    } catch (error) {
      // An answer, even a refusal, ends this key's action; a lost answer does not.
      if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
      setStep({ name: 'idle' });
      setMessage({ type: 'error', text: refusal(error, t) });
      // The claim may have moved on (captured elsewhere, expired): show how it is now.
      if (error instanceof ApiError && error.status === 409) {
        api.claim(claim.claimId).then(setClaim, () => undefined);
      }
    }
  }

  const confirming = step.name !== 'idle';
  return (
    <>
      <PageHeading>{t.claims.claimTitle(claim.course.title)}</PageHeading>
      {message !== undefined && (
        <Alert type={message.type} ref={messageRef} tabIndex={-1} data-testid="claim-message">
          <Paragraph>{message.text}</Paragraph>
        </Alert>
      )}
      <ClaimFacts claim={claim} />
      <Paragraph>{t.claims.whatNow[claim.status]}</Paragraph>

      {canCapture && !confirming && (
        <CaptureForm
          claim={claim}
          held={held}
          onCapture={(capture) => {
            setMessage(undefined);
            setStep({ name: 'confirm-capture', capture });
          }}
        />
      )}
      {canCancel && !confirming && (
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            hint="danger"
            onClick={() => {
              setMessage(undefined);
              setStep({ name: 'confirm-cancel' });
            }}
          >
            {claim.status === 'approved' ? t.claims.cancelButton : t.claims.withdrawButton}
          </Button>
        </ButtonGroup>
      )}

      {(step.name === 'confirm-capture' || (step.name === 'sending' && step.capture !== undefined)) && (
        <CaptureConfirm
          capture={step.capture as Capture}
          held={held}
          busy={step.name === 'sending'}
          onConfirm={(capture) => void send(capture)}
          onCancel={() => setStep({ name: 'idle' })}
        />
      )}
      {(step.name === 'confirm-cancel' || (step.name === 'sending' && step.capture === undefined)) && (
        <Confirm
          title={claim.status === 'approved' ? t.claims.confirmCancelTitle : t.claims.confirmWithdrawTitle}
          confirmLabel={claim.status === 'approved' ? t.claims.confirmCancelYes : t.claims.confirmWithdrawYes}
          cancelLabel={t.claims.confirmNo}
          busy={step.name === 'sending'}
          onConfirm={() => void send(undefined)}
          onCancel={() => setStep({ name: 'idle' })}
        >
          {claim.status === 'approved' ? t.claims.confirmCancel(money(held)) : t.claims.confirmWithdraw}
        </Confirm>
      )}
      <BackLink />
    </>
  );
}

/** "You receive € 450,00. The rest, € 50,00, goes back to the person." */
function CaptureConfirm({
  capture,
  held,
  busy,
  onConfirm,
  onCancel,
}: {
  capture: Capture;
  held: number;
  busy: boolean;
  onConfirm: (capture: Capture) => void;
  onCancel: () => void;
}) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const rest = held - capture.amount;
  return (
    <Confirm
      title={t.claims.confirmCaptureTitle}
      confirmLabel={t.claims.confirmCaptureYes}
      cancelLabel={t.claims.confirmNo}
      busy={busy}
      onConfirm={() => onConfirm(capture)}
      onCancel={onCancel}
    >
      <Paragraph>
        {t.claims.confirmCapture(money(capture.amount))}{' '}
        {rest > 0 ? t.claims.confirmCaptureRest(money(rest)) : t.claims.confirmCaptureAll}
      </Paragraph>
    </Confirm>
  );
}
