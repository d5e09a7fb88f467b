import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Claim } from '../../api.ts';
import { useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { AppLink } from '../../router.tsx';
import type { Step } from './step.ts';

/**
 * What happened after the person approved or rejected the claim, announced as a status; its
 * heading takes the focus (through `headingRef`), and links lead on to the overview or the list.
 * The page's `h1` stays with the caller: it must not mount anew here, or it would take the focus
 * itself (it does after every in-app navigation).
 */
export function DecisionResult({
  claim,
  outcome,
  held,
  headingRef,
}: {
  claim: Claim;
  outcome: Extract<Step, { name: 'approved' | 'rejected' }>;
  /** What the split we sent holds, for when the approved claim does not say. */
  held: number;
  headingRef: React.RefObject<HTMLHeadingElement>;
}) {
  const { t } = useLanguage();
  const money = useMoney();
  return (
    <>
      <Alert type="ok" role="status">
        <Heading2 ref={headingRef} tabIndex={-1} data-testid="decision-result">
          {outcome.name === 'approved' ? t.claim.approvedTitle : t.claim.rejectedTitle}
        </Heading2>
        <Paragraph>
          {outcome.name === 'approved'
            ? t.claim.approved(money(heldBy(outcome.claim, held)), claim.course.title)
            : t.claim.rejected}
        </Paragraph>
      </Alert>
      <Paragraph>
        <AppLink to="/">{t.claim.toOverview}</AppLink>
      </Paragraph>
      <Paragraph>
        <AppLink to="/claims">{t.claim.back}</AppLink>
      </Paragraph>
    </>
  );
}

/** What the approved claim holds, as the API answered it; the split we sent when it does not say. */
function heldBy(claim: Claim, sent: number): number {
  return claim.parts === undefined ? sent : claim.parts.reduce((sum, part) => sum + part.amount, 0);
}
