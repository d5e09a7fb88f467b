import { Button, ButtonGroup, FormFieldTextbox, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Claim, Pot } from '../../api.ts';
import { moneyInputValue, parseMoney, useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { Split } from './split.ts';

/** Lets the person choose how much each pot pays, within what each pot holds and the claim's amount. */
export function SplitEditor({
  claim,
  pots,
  split,
  headingRef,
  onDone,
}: {
  claim: Claim;
  pots: readonly Pot[];
  split: Split;
  headingRef: React.RefObject<HTMLHeadingElement>;
  onDone: (split: Split | undefined) => void;
}) {
  const { t, language } = useLanguage();
  const money = useMoney();
  // Pots in the proposal come first; other pots with money may be chosen too (the API checks their rules).
  const candidates = [
    ...split.parts
      .map((part) => pots.find((pot) => pot.schemeId === part.schemeId))
      .filter((pot): pot is Pot => pot !== undefined),
    ...pots.filter((pot) => pot.available > 0 && !split.parts.some((part) => part.schemeId === pot.schemeId)),
  ];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      candidates.map((pot) => [
        pot.schemeId,
        moneyInputValue(split.parts.find((part) => part.schemeId === pot.schemeId)?.amount ?? 0, language),
      ]),
    ),
  );
  const [submitted, setSubmitted] = useState(false);

  const parsed = candidates.map((pot) => ({ pot, amount: parseMoney(values[pot.schemeId] ?? '', language) }));
  const errors = new Map<string, string>();
  for (const { pot, amount } of parsed) {
    if (amount === undefined) errors.set(pot.schemeId, t.claim.errorNotAnAmount);
    else if (amount > pot.available) errors.set(pot.schemeId, t.claim.errorTooMuchForPot(money(pot.available)));
  }
  const total = parsed.reduce((sum, { amount }) => sum + (amount ?? 0), 0);
  const totalError = total > claim.amount ? t.claim.errorTooMuchTotal(money(claim.amount)) : undefined;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (errors.size > 0 || totalError !== undefined) return;
    onDone({
      parts: parsed
        .map(({ pot, amount }) => ({ schemeId: pot.schemeId, amount: amount ?? 0 }))
        .filter((part) => part.amount > 0),
      ownContribution: claim.amount - total,
      custom: true,
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="edit-title">
      <Heading2 id="edit-title" ref={headingRef} tabIndex={-1}>
        {t.claim.changeTitle}
      </Heading2>
      <Paragraph>{t.claim.changeIntro}</Paragraph>
      {candidates.map((pot) => (
        <FormFieldTextbox
          key={pot.schemeId}
          name={pot.schemeId}
          label={t.claim.changeLabel(pot.label)}
          description={t.claim.changeHint(money(pot.available))}
          autoComplete="off"
          value={values[pot.schemeId] ?? ''}
          invalid={submitted && errors.has(pot.schemeId)}
          errorMessage={errors.get(pot.schemeId)}
          onChange={(event: React.FormEvent<HTMLDivElement>) => {
            const input = event.target as HTMLInputElement;
            setValues((previous) => ({ ...previous, [pot.schemeId]: input.value }));
          }}
        />
      ))}
      <Paragraph role="status">
        {totalError ?? (claim.amount - total > 0 ? t.claim.confirmOwn(money(claim.amount - total)) : t.claim.noOwn)}
      </Paragraph>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button">
          {t.claim.changeDone}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={() => onDone(undefined)}>
          {t.claim.cancel}
        </Button>
      </ButtonGroup>
    </form>
  );
}
