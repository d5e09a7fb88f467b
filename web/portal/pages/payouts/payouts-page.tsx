/**
 * The payouts made to the provider: when, how much, for how many claims, and which (each a link
 * to the claim; past the first five behind "and N more claims"), read page by page.
 */
import { Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../../src/router.tsx';
import { api } from '../../api.ts';
import { MoreButton, useCursorPages } from '../../components/cursor-pages.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { portalBase } from '../../config.ts';
import { useDay, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';

export function PayoutsPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const day = useDay();
  const payouts = useCursorPages((cursor) => api.payouts(cursor), 'payouts');
  return (
    <>
      <PageHeading>{t.payouts.title}</PageHeading>
      <Paragraph>{t.payouts.intro}</Paragraph>
      {payouts.state === 'loading' && <Loading />}
      {payouts.state === 'error' && <Problem error={payouts.error} retry={payouts.reload} />}
      {payouts.state === 'ok' &&
        (payouts.items.length === 0 ? (
          <Paragraph data-testid="payouts-empty">{t.payouts.none}</Paragraph>
        ) : (
          <DataTable
            caption={t.payouts.caption}
            testId="payouts"
            rows={payouts.items}
            rowKey={(payout) => payout.payoutId}
            rowData={(payout) => ({ 'data-payout-id': payout.payoutId })}
            columns={[
              { header: t.payouts.date, cell: (payout) => day(payout.createdAt) },
              { header: t.payouts.amount, cell: (payout) => money(payout.amount), amount: true },
              { header: t.payouts.count, cell: (payout) => payout.claims.length },
              {
                header: t.payouts.claims,
                cell: (payout) => <ClaimLinks claims={payout.claims} />,
              },
            ]}
          />
        ))}
      <MoreButton pages={payouts} label={t.payouts.more} />
    </>
  );
}

/** How many claim links a payout's row shows before it folds the rest away (a payout holds up to 80). */
const claimLinksMax = 5;

/**
 * A payout's claims, each a link: the first few in the row, the rest in a native disclosure that
 * says how many there are, so a payout of many claims keeps a short row.
 */
function ClaimLinks({ claims }: { claims: readonly string[] }) {
  const { t } = usePortalLanguage();
  const shown = claims.slice(0, claimLinksMax);
  const hidden = claims.slice(claimLinksMax);
  const links = (claimIds: readonly string[]) => (
    <ul>
      {claimIds.map((claimId) => (
        <li key={claimId}>
          <AppLink to={`${portalBase}claims/${encodeURIComponent(claimId)}`}>{t.payouts.claimLink(claimId)}</AppLink>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {links(shown)}
      {hidden.length > 0 && (
        <details>
          <summary>{t.payouts.moreClaims(hidden.length)}</summary>
          {links(hidden)}
        </details>
      )}
    </>
  );
}
