import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormFieldTextbox,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { type Account, type Allocation, ApiError, api, type Claim, type Part, type Pot } from '../api.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading, Problem, problemText } from '../components/problem.tsx';
import { formatDate, formatMoney, moneyInputValue, parseMoney } from '../format.ts';
import { type Messages, useLanguage } from '../i18n.ts';
import { AppLink } from '../router.tsx';
import { useLoad } from '../use-load.ts';

export function ClaimsPage() {
  const { t, language } = useLanguage();
  const claims = useLoad(api.claims, 'claims');
  const money = (cents: number) => formatMoney(cents, language);
  const waiting =
    claims.state === 'ok' ? claims.data.items.filter((claim) => claim.status === 'awaiting_approval') : [];
  const earlier =
    claims.state === 'ok' ? claims.data.items.filter((claim) => claim.status !== 'awaiting_approval') : [];
  return (
    <>
      <PageHeading>{t.claims.title}</PageHeading>
      <Paragraph>{t.claims.intro}</Paragraph>
      {claims.state === 'loading' && <Loading />}
      {claims.state === 'error' && <Problem error={claims.error} retry={claims.reload} />}
      {claims.state === 'ok' && (
        <>
          <Heading2>{t.claims.waitingTitle}</Heading2>
          {waiting.length === 0 ? (
            <Paragraph>{t.claims.none}</Paragraph>
          ) : (
            <ul className="lr-cards">
              {waiting.map((claim) => (
                <li key={claim.claimId} className="lr-card" data-testid="claim">
                  <Heading3>{claim.course.title}</Heading3>
                  <ClaimFacts claim={claim} t={t} money={money} language={language} />
                  <Paragraph>
                    <AppLink to={`/claims/${encodeURIComponent(claim.claimId)}`}>
                      {t.claims.open(claim.course.title)}
                    </AppLink>
                  </Paragraph>
                </li>
              ))}
            </ul>
          )}
          {earlier.length > 0 && (
            <>
              <Heading2>{t.claims.earlierTitle}</Heading2>
              <div className="lr-table-scroll">
                <Table>
                  <TableCaption className="lr-visually-hidden">{t.claims.earlierTitle}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t.claims.course}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t.claims.provider}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t.claims.amount}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t.claims.status}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {earlier.map((claim) => (
                      <TableRow key={claim.claimId}>
                        <TableCell>{claim.course.title}</TableCell>
                        <TableCell>{claim.provider.name}</TableCell>
                        <TableCell className="lr-amount">{money(claim.amount)}</TableCell>
                        <TableCell>{t.claims.statusText[claim.status] ?? claim.status}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}

function ClaimFacts({
  claim,
  t,
  money,
  language,
}: {
  claim: Claim;
  t: Messages;
  money: (cents: number) => string;
  language: 'nl' | 'en';
}) {
  return (
    <DataList className="lr-facts">
      <DataListItem>
        <DataListKey>{t.claims.provider}</DataListKey>
        <DataListValue>{claim.provider.name}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t.claims.course}</DataListKey>
        <DataListValue>{claim.course.title}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t.claims.startDate}</DataListKey>
        <DataListValue>{formatDate(claim.startDate, language)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t.claims.amount}</DataListKey>
        <DataListValue className="lr-amount">{money(claim.amount)}</DataListValue>
      </DataListItem>
    </DataList>
  );
}

interface ClaimData {
  readonly claim: Claim | undefined;
  readonly account: Account;
  readonly allocation: Allocation | undefined;
}

async function loadClaim(claimId: string): Promise<ClaimData> {
  const [claims, account] = await Promise.all([api.claims(), api.account()]);
  const claim = claims.items.find((candidate) => candidate.claimId === claimId);
  const allocation = claim?.status === 'awaiting_approval' ? await api.allocation(claimId) : undefined;
  return { claim, account, allocation };
}

export function ClaimPage({ claimId }: { claimId: string }) {
  const { t } = useLanguage();
  const data = useLoad(() => loadClaim(claimId), claimId);
  if (data.state === 'loading') {
    return (
      <>
        <PageHeading>{t.claims.title}</PageHeading>
        <Loading />
      </>
    );
  }
  if (data.state === 'error' || data.data.claim === undefined) {
    return (
      <>
        <PageHeading>{t.claims.title}</PageHeading>
        {data.state === 'error' ? (
          <Problem error={data.error} retry={data.reload} />
        ) : (
          <Alert type="error">
            <Paragraph>{t.claim.notFound}</Paragraph>
          </Alert>
        )}
        <Paragraph>
          <AppLink to="/claims">{t.claim.back}</AppLink>
        </Paragraph>
      </>
    );
  }
  return <ClaimReview claim={data.data.claim} pots={data.data.account.pots} allocation={data.data.allocation} />;
}

type Step =
  | { readonly name: 'review' }
  | { readonly name: 'edit' }
  | { readonly name: 'confirm-approve' }
  | { readonly name: 'confirm-reject' }
  | { readonly name: 'sending' }
  | { readonly name: 'approved'; readonly claim: Claim }
  | { readonly name: 'rejected' };

/** The split to show and send: the proposal, or the person's own choice. */
interface Split {
  readonly parts: readonly Part[];
  readonly ownContribution: number;
  readonly custom: boolean;
}

function ClaimReview({
  claim,
  pots,
  allocation,
}: {
  claim: Claim;
  pots: readonly Pot[];
  allocation: Allocation | undefined;
}) {
  const { t, language } = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
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

  const potLabel = (schemeId: string) => pots.find((pot) => pot.schemeId === schemeId)?.label ?? schemeId;
  const held = split.parts.reduce((sum, part) => sum + part.amount, 0);

  async function send(decision: 'approve' | 'reject') {
    setStep({ name: 'sending' });
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
    return (
      <>
        <PageHeading>{t.claim.title(claim.course.title)}</PageHeading>
        <Alert type="ok" role="status">
          <Heading2 ref={focusRef as React.RefObject<HTMLHeadingElement>} tabIndex={-1} data-testid="decision-result">
            {step.name === 'approved' ? t.claim.approvedTitle : t.claim.rejectedTitle}
          </Heading2>
          <Paragraph>
            {step.name === 'approved'
              ? t.claim.approved(money(heldBy(step.claim, held)), claim.course.title)
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

  const awaiting = claim.status === 'awaiting_approval';
  return (
    <>
      <PageHeading>{t.claim.title(claim.course.title)}</PageHeading>
      <ClaimFacts claim={claim} t={t} money={money} language={language} />
      {!awaiting && <Paragraph>{t.claims.statusText[claim.status]}</Paragraph>}

      {failure !== undefined && (
        <Alert type="error" ref={focusRef as React.RefObject<HTMLDivElement>} tabIndex={-1}>
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}

      {awaiting && step.name !== 'edit' && (
        <section aria-labelledby="split-title">
          <Heading2 id="split-title">{t.claim.splitTitle}</Heading2>
          <Paragraph>{t.claim.splitIntro}</Paragraph>
          <div className="lr-table-scroll">
            <Table data-testid="split">
              <TableCaption className="lr-visually-hidden">{t.claim.splitTitle}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.claim.pot}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.claim.pays}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {split.parts
                  .filter((part) => part.amount > 0)
                  .map((part) => (
                    <TableRow key={part.schemeId}>
                      <TableHeaderCell scope="row">{potLabel(part.schemeId)}</TableHeaderCell>
                      <TableCell className="lr-amount">{money(part.amount)}</TableCell>
                    </TableRow>
                  ))}
                <TableRow>
                  <TableHeaderCell scope="row">{t.claim.own}</TableHeaderCell>
                  <TableCell className="lr-amount" data-testid="own-contribution">
                    {money(split.ownContribution)}
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </div>
          <Paragraph>
            {split.ownContribution > 0 ? t.claim.ownExplained(money(split.ownContribution)) : t.claim.noOwn}
          </Paragraph>
        </section>
      )}

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
        <section className="lr-confirm" aria-labelledby="confirm-title">
          <Heading2 id="confirm-title" ref={focusRef as React.RefObject<HTMLHeadingElement>} tabIndex={-1}>
            {t.claim.confirmTitle}
          </Heading2>
          {step.name === 'confirm-reject' ? (
            <Paragraph>{t.claim.confirmReject(claim.provider.name)}</Paragraph>
          ) : (
            <>
              <Paragraph>{t.claim.confirmApprove(money(held), claim.provider.name)}</Paragraph>
              {split.ownContribution > 0 && <Paragraph>{t.claim.confirmOwn(money(split.ownContribution))}</Paragraph>}
            </>
          )}
          <ButtonGroup>
            {step.name === 'confirm-reject' ? (
              <Button appearance="primary-action-button" hint="danger" onClick={() => void send('reject')}>
                {t.claim.confirmRejectButton}
              </Button>
            ) : (
              <Button
                appearance="primary-action-button"
                busy={step.name === 'sending'}
                disabled={step.name === 'sending'}
                onClick={() => void send('approve')}
              >
                {t.claim.confirmApproveButton}
              </Button>
            )}
            <Button
              appearance="secondary-action-button"
              disabled={step.name === 'sending'}
              onClick={() => setStep({ name: 'review' })}
            >
              {t.claim.cancel}
            </Button>
          </ButtonGroup>
        </section>
      )}

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

function decisionProblem(error: unknown, custom: boolean, t: Messages): string {
  if (error instanceof ApiError) {
    if (error.code === 'insufficient_funds') return t.claim.insufficientFunds;
    if (error.code === 'claim_not_approvable' || error.code === 'invalid_claim_state') return t.claim.notApprovable;
    if (custom && (error.status === 409 || error.status === 422 || error.status === 400)) return t.claim.splitRefused;
  }
  return problemText(error, t);
}

/** Lets the person choose how much each pot pays, within what each pot holds and the claim's amount. */
function SplitEditor({
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
  const money = (cents: number) => formatMoney(cents, language);
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
