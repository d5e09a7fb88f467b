import { Alert, DataList, DataListItem, DataListKey, DataListValue, Paragraph } from '@utrecht/component-library-react';
import type { Claim } from '../../api.ts';
import { useDate, useDay, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';

/** What a claim holds in pots now: the parts the citizen approved (nothing before approval). */
export function reservedOf(claim: Claim): number {
  return (claim.parts ?? []).reduce((total, part) => total + part.amount, 0);
}

/** A claim's facts, each only when it has a value for the claim's status. */
export function ClaimFacts({ claim }: { claim: Claim }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const date = useDate();
  const day = useDay();
  const held = claim.status === 'approved' ? reservedOf(claim) : undefined;
  const rows: Array<[string, string, string?]> = [
    [t.claims.status, t.claims.statuses[claim.status], 'status'],
    [t.claims.claimId, claim.claimId],
    [t.claims.course, claim.course.title],
    [t.claims.courseId, claim.course.courseId],
    [t.claims.startDate, date(claim.startDate)],
    [t.claims.amount, money(claim.amount)],
    ...(claim.reference === undefined ? [] : [[t.claims.reference, claim.reference] as [string, string]]),
    [t.claims.createdAt, day(claim.createdAt)],
    ...(claim.approveBefore === undefined
      ? []
      : [[t.claims.approveBefore, day(claim.approveBefore)] as [string, string]]),
    ...(held === undefined ? [] : [[t.claims.reserved, money(held), 'reserved'] as [string, string, string]]),
    ...(claim.ownContribution === undefined || claim.ownContribution === 0
      ? []
      : [[t.claims.ownContribution, money(claim.ownContribution)] as [string, string]]),
    ...(claim.captureBefore === undefined
      ? []
      : [[t.claims.captureBefore, day(claim.captureBefore)] as [string, string]]),
    ...(claim.captured === undefined
      ? []
      : [[t.claims.captured, money(claim.captured), 'captured'] as [string, string, string]]),
    ...(claim.evidence === undefined
      ? []
      : [
          [
            t.claims.evidence,
            t.claims.evidenceText(t.claims.evidenceKinds[claim.evidence.kind], date(claim.evidence.date)),
          ] as [string, string],
        ]),
    ...(claim.payoutId === undefined ? [] : [[t.claims.payoutId, claim.payoutId] as [string, string]]),
  ];
  return (
    <>
      {claim.flags?.includes('person_never_logged_in') === true && (
        <Alert type="warning">
          <Paragraph>{t.claims.flagNeverLoggedIn}</Paragraph>
        </Alert>
      )}
      <DataList className="lr-facts" data-testid="claim-facts">
        {rows.map(([key, value, testId]) => (
          <DataListItem key={key}>
            <DataListKey>{key}</DataListKey>
            <DataListValue>
              <span data-testid={testId}>{value}</span>
            </DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </>
  );
}
