import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Claim } from '../../api.ts';
import { useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { Split } from './split.ts';
import type { Decision } from './step.ts';

/**
 * Asks once more before the decision is sent, saying what it means: how much is held and what the
 * person pays themselves, or that the provider gets nothing. Its heading takes the focus (through
 * `headingRef`); while the decision is being sent, the buttons are disabled.
 */
export function ConfirmDecision({
  claim,
  split,
  held,
  decision,
  sending,
  headingRef,
  onSend,
  onCancel,
}: {
  claim: Claim;
  split: Split;
  /** What the split holds from the pots. */
  held: number;
  /** The decision asked about, and sent once the person confirms. */
  decision: Decision;
  /** True while the decision is being sent: the buttons are disabled and the chosen one shows it is busy. */
  sending: boolean;
  headingRef: React.RefObject<HTMLHeadingElement>;
  onSend: (decision: Decision) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const money = useMoney();
  return (
    <section className="lr-confirm" aria-labelledby="confirm-title">
      <Heading2 id="confirm-title" ref={headingRef} tabIndex={-1}>
        {t.claim.confirmTitle}
      </Heading2>
      {decision === 'reject' ? (
        <Paragraph>{t.claim.confirmReject(claim.provider.name)}</Paragraph>
      ) : (
        <>
          <Paragraph>{t.claim.confirmApprove(money(held), claim.provider.name)}</Paragraph>
          {split.ownContribution > 0 && <Paragraph>{t.claim.confirmOwn(money(split.ownContribution))}</Paragraph>}
        </>
      )}
      <ButtonGroup>
        {decision === 'reject' ? (
          <Button
            appearance="primary-action-button"
            hint="danger"
            busy={sending}
            disabled={sending}
            onClick={() => onSend('reject')}
          >
            {t.claim.confirmRejectButton}
          </Button>
        ) : (
          <Button
            appearance="primary-action-button"
            busy={sending}
            disabled={sending}
            onClick={() => onSend('approve')}
          >
            {t.claim.confirmApproveButton}
          </Button>
        )}
        <Button appearance="secondary-action-button" disabled={sending} onClick={onCancel}>
          {t.claim.cancel}
        </Button>
      </ButtonGroup>
    </section>
  );
}
