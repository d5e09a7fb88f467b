/**
 * The provider's claims: a table, narrowed by status (kept in the address, so a reload or a shared
 * link shows the same list), read page by page; and a form for a new claim.
 */
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { AppLink, useRouter } from '../../../src/router.tsx';
import { api, type Claim, type ClaimStatus } from '../../api.ts';
import { MoreButton, useCursorPages } from '../../components/cursor-pages.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { portalBase } from '../../config.ts';
import { useDate, useDay, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';
import { NewClaimForm } from './new-claim-form.tsx';

/** In the order a claim moves through them. */
export const claimStatuses: readonly ClaimStatus[] = [
  'awaiting_approval',
  'approved',
  'captured',
  'paid',
  'rejected',
  'cancelled',
  'expired',
];

function isClaimStatus(value: string | null): value is ClaimStatus {
  return value !== null && (claimStatuses as readonly string[]).includes(value);
}

export function ClaimsPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const { search, navigate } = useRouter();
  const asked = new URLSearchParams(search).get('status');
  const status = isClaimStatus(asked) ? asked : undefined;
  const [choice, setChoice] = useState<string>(status ?? '');
  // Back and Forward change the address but keep this page: the filter then shows the address's status.
  const [chosenFor, setChosenFor] = useState(status);
  if (chosenFor !== status) {
    setChosenFor(status);
    setChoice(status ?? '');
  }
  // Bumped after a new claim, so the list is read again and shows it.
  const [version, setVersion] = useState(0);
  const claims = useCursorPages(
    (cursor) => api.claims({ ...(status !== undefined && { status }), ...(cursor !== undefined && { cursor }) }),
    `${status ?? ''}\n${version}`,
  );

  function filter(event: React.FormEvent) {
    event.preventDefault();
    navigate(`${portalBase}claims${choice === '' ? '' : `?status=${encodeURIComponent(choice)}`}`);
  }

  return (
    <>
      <PageHeading>{t.claims.title}</PageHeading>
      <Paragraph>{t.claims.intro}</Paragraph>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role="search" is the search landmark
          every screen reader knows; the <search> element is too new to rely on. */}
      <form onSubmit={filter} noValidate role="search" aria-label={t.claims.filterForm}>
        <SelectField
          name="status"
          label={t.claims.filterLabel}
          value={choice}
          options={[
            { value: '', label: t.claims.filterAll },
            ...claimStatuses.map((value) => ({ value, label: t.claims.statuses[value] })),
          ]}
          onChange={setChoice}
        />
        <Paragraph>
          <Button type="submit" appearance="secondary-action-button">
            {t.claims.filterSubmit}
          </Button>
        </Paragraph>
      </form>
      <section aria-labelledby="claims-title">
        <Heading2 id="claims-title">{t.claims.listTitle}</Heading2>
        {claims.state === 'loading' && <Loading />}
        {claims.state === 'error' && <Problem error={claims.error} retry={claims.reload} />}
        {claims.state === 'ok' &&
          (claims.items.length === 0 ? (
            <Paragraph data-testid="claims-empty">
              {status === undefined ? t.claims.none : t.claims.noneWithStatus(t.claims.statuses[status])}
            </Paragraph>
          ) : (
            <ClaimTable
              claims={claims.items}
              caption={status === undefined ? t.claims.filterAll : t.claims.statuses[status]}
            />
          ))}
        <MoreButton pages={claims} label={t.claims.more} />
      </section>
      <NewClaimForm onCreated={() => setVersion((value) => value + 1)} />
    </>
  );
}

function ClaimTable({ claims, caption }: { claims: readonly Claim[]; caption: string }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const date = useDate();
  const day = useDay();
  return (
    <DataTable
      caption={caption}
      testId="claims"
      rows={claims}
      rowKey={(claim) => claim.claimId}
      rowData={(claim) => ({ 'data-claim-id': claim.claimId })}
      columns={[
        {
          header: t.claims.course,
          cell: (claim) => (
            <AppLink to={`${portalBase}claims/${encodeURIComponent(claim.claimId)}`}>
              {claim.course.title}
              <span className="lr-visually-hidden">{t.claims.openSuffix(claim.claimId)}</span>
            </AppLink>
          ),
        },
        { header: t.claims.startDate, cell: (claim) => date(claim.startDate) },
        { header: t.claims.amount, cell: (claim) => money(claim.amount), amount: true },
        { header: t.claims.status, cell: (claim) => t.claims.statuses[claim.status] },
        { header: t.claims.createdAt, cell: (claim) => day(claim.createdAt) },
      ]}
    />
  );
}
