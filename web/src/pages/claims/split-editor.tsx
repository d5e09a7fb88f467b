import { Button, ButtonGroup, FormFieldTextbox, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Claim, Pot } from '../../api.ts';
import { moneyInputValue, parseMoney, useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { sameScheme, schemeKeyOf } from '../../scheme-key.ts';
import type { Split } from './split.ts';

/** A scheme the person has money in: a funder's scheme, with what all its pots hold together. */
interface SchemeChoice {
  readonly key: string;
  readonly schemeId: string;
  readonly funderId: string;
  readonly label: string;
  readonly available: number;
}

/**
 * The person's schemes, one per funder and scheme id (two funders may use the same id), with what
 * their pots hold together: a split names schemes, and a scheme's pots pay in the order of expiry.
 */
function schemesOf(pots: readonly Pot[]): SchemeChoice[] {
  const schemes = new Map<string, SchemeChoice>();
  for (const pot of pots) {
    const key = schemeKeyOf(pot);
    const known = schemes.get(key);
    schemes.set(key, {
      key,
      schemeId: pot.schemeId,
      funderId: pot.funderId,
      label: known?.label ?? pot.label,
      available: (known?.available ?? 0) + pot.available,
    });
  }
  return [...schemes.values()];
}

/** Lets the person choose how much each scheme pays, within what its pots hold and the claim's amount. */
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
  // Schemes in the proposal come first; other schemes with money may be chosen too (the API checks their rules).
  const schemes = schemesOf(pots);
  const candidates = [
    ...split.parts
      .map((part) => schemes.find((scheme) => sameScheme(scheme, part)))
      .filter((scheme): scheme is SchemeChoice => scheme !== undefined),
    ...schemes.filter((scheme) => scheme.available > 0 && !split.parts.some((part) => sameScheme(scheme, part))),
  ];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      candidates.map((scheme) => [
        scheme.key,
        moneyInputValue(split.parts.find((part) => sameScheme(scheme, part))?.amount ?? 0, language),
      ]),
    ),
  );
  const [submitted, setSubmitted] = useState(false);

  const parsed = candidates.map((scheme) => ({ scheme, amount: parseMoney(values[scheme.key] ?? '', language) }));
  const errors = new Map<string, string>();
  for (const { scheme, amount } of parsed) {
    if (amount === undefined) errors.set(scheme.key, t.claim.errorNotAnAmount);
    else if (amount > scheme.available) errors.set(scheme.key, t.claim.errorTooMuchForPot(money(scheme.available)));
  }
  const total = parsed.reduce((sum, { amount }) => sum + (amount ?? 0), 0);
  const totalError = total > claim.amount ? t.claim.errorTooMuchTotal(money(claim.amount)) : undefined;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (errors.size > 0 || totalError !== undefined) return;
    onDone({
      parts: parsed
        // The funder goes with every part, so a scheme id that two funders use is never ambiguous.
        .map(({ scheme, amount }) => ({ schemeId: scheme.schemeId, funderId: scheme.funderId, amount: amount ?? 0 }))
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
      {candidates.map((scheme) => (
        <FormFieldTextbox
          key={scheme.key}
          name={scheme.key}
          label={t.claim.changeLabel(scheme.label)}
          description={t.claim.changeHint(money(scheme.available))}
          autoComplete="off"
          value={values[scheme.key] ?? ''}
          invalid={submitted && errors.has(scheme.key)}
          errorMessage={errors.get(scheme.key)}
          onChange={(event: React.FormEvent<HTMLDivElement>) => {
            const input = event.target as HTMLInputElement;
            setValues((previous) => ({ ...previous, [scheme.key]: input.value }));
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
