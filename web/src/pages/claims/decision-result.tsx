import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Claim } from '../../api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { formatMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { AppLink } from '../../router.tsx';
import type { Step } from './step.ts';

/**
 * What happened after the person approved or rejected the claim, announced as a status; its
 * heading takes the focus (through `headingRef`), and links lead on to the overview or the list.
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
  const { t, language } = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
  return (
    <>
      <PageHeading>{t.claim.title(claim.course.title)}</PageHeading>
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
