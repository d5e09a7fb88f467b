/**
 * One claim and the person's decision on it: the facts, who pays what, changing that split,
 * confirming, sending, and the result. It holds the steps in between and moves the focus to what
 * each step asks or tells.
 */
import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { type Allocation, api, type Claim, type Part, type Pot } from '../../api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { AppLink } from '../../router.tsx';
import { sameScheme } from '../../scheme-key.ts';
import { ClaimFacts } from './claim-facts.tsx';
import { ConfirmDecision } from './confirm-decision.tsx';
import { decisionProblem } from './decision-problem.ts';
import { DecisionResult } from './decision-result.tsx';
import type { Split } from './split.ts';
import { SplitEditor } from './split-editor.tsx';
import { SplitTable } from './split-table.tsx';
import type { Decision, Step } from './step.ts';

/**
 * Shows a claim and, while it waits for an answer, lets the person approve it (with the proposed
 * split or their own) or reject it.
 */
export function ClaimReview({
  claim,
  pots,
  allocation,
}: {
  claim: Claim;
  pots: readonly Pot[];
  allocation: Allocation | undefined;
}) {
  const { t } = useLanguage();
  const proposal: Split = {
    parts: allocation?.parts ?? claim.parts ?? [],
    ownContribution: allocation?.ownContribution ?? claim.ownContribution ?? 0,
    custom: false,
  };
  const [split, setSplit] = useState<Split>(proposal);
  const [step, setStep] = useState<Step>({ name: 'review' });
  const [failure, setFailure] = useState<string | undefined>();
  // One key per decision: a retry after a lost answer repeats the same request, never a second hold.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const focusRef = useRef<HTMLHeadingElement | HTMLDivElement>(null);

  useEffect(() => {
    // Each step puts the focus on what it asks or tells, so nobody has to search for it.
    if (step.name !== 'review' && step.name !== 'sending') focusRef.current?.focus();
  }, [step.name]);
  useEffect(() => {
    if (failure !== undefined) focusRef.current?.focus();
  }, [failure]);

  const potLabel = (part: Part) => pots.find((pot) => sameScheme(pot, part))?.label ?? part.schemeId;
  const held = split.parts.reduce((sum, part) => sum + part.amount, 0);

  async function send(decision: Decision) {
    setStep({ name: 'sending', decision });
    setFailure(undefined);
    try {
      if (decision === 'approve') {
        const parts = split.parts.filter((part) => part.amount > 0);
        const approved = await api.approve(claim.claimId, idempotencyKey, split.custom ? parts : undefined);
        setStep({ name: 'approved', claim: approved });
      } else {
        await api.reject(claim.claimId, idempotencyKey);
        setStep({ name: 'rejected' });
      }
    } catch (error) {
      setIdempotencyKey(crypto.randomUUID());
      setStep({ name: 'review' });
      setFailure(decisionProblem(error, split.custom, t));
    }
  }

  if (step.name === 'approved' || step.name === 'rejected') {
    // The same `h1` first, as on the claim itself, so React keeps it mounted and it does not take
    // the focus from the result.
    return (
      <>
        <PageHeading>{t.claim.title(claim.course.title)}</PageHeading>
        <DecisionResult
          claim={claim}
          outcome={step}
          held={held}
          headingRef={focusRef as React.RefObject<HTMLHeadingElement>}
        />
      </>
    );
  }

  const awaiting = claim.status === 'awaiting_approval';
  return (
    <>
      <PageHeading>{t.claim.title(claim.course.title)}</PageHeading>
      <ClaimFacts claim={claim} />
      {!awaiting && <Paragraph>{t.claims.statusText[claim.status]}</Paragraph>}

      {failure !== undefined && (
        <Alert type="error" ref={focusRef as React.RefObject<HTMLDivElement>} tabIndex={-1}>
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}

      {awaiting && step.name !== 'edit' && <SplitTable split={split} potLabel={potLabel} />}

      {awaiting && step.name === 'review' && (
        <>
          <Paragraph>
            <Button appearance="subtle-button" onClick={() => setStep({ name: 'edit' })}>
              {t.claim.change}
            </Button>
            {split.custom && (
              <Button appearance="subtle-button" onClick={() => setSplit(proposal)}>
                {t.claim.changeReset}
              </Button>
            )}
          </Paragraph>
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={() => setStep({ name: 'confirm-approve' })}>
              {t.claim.approve}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setStep({ name: 'confirm-reject' })}>
              {t.claim.reject}
            </Button>
          </ButtonGroup>
        </>
      )}

      {awaiting && step.name === 'edit' && (
        <SplitEditor
          claim={claim}
          pots={pots}
          split={split}
          headingRef={focusRef as React.RefObject<HTMLHeadingElement>}
          onDone={(chosen) => {
            if (chosen !== undefined) setSplit(chosen);
            setStep({ name: 'review' });
          }}
        />
      )}

      {(step.name === 'confirm-approve' || step.name === 'confirm-reject' || step.name === 'sending') && (
        <ConfirmDecision
          claim={claim}
          split={split}
          held={held}
          decision={step.name === 'sending' ? step.decision : step.name === 'confirm-reject' ? 'reject' : 'approve'}
          sending={step.name === 'sending'}
          headingRef={focusRef as React.RefObject<HTMLHeadingElement>}
          onSend={(decision) => void send(decision)}
          onCancel={() => setStep({ name: 'review' })}
        />
      )}

      <Paragraph>
        <AppLink to="/claims">{t.claim.back}</AppLink>
      </Paragraph>
    </>
  );
}
