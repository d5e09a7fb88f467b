/**
 * The payouts made to the provider: when, how much, for how many claims, and which (each a link
 * to the claim), read page by page.
 */
import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { AppLink } from '../../../src/router.tsx';
import { api } from '../../api.ts';
import { MoreButton, useCursorPages } from '../../components/cursor-pages.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
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
          <TableScroll label={t.payouts.caption}>
            <Table data-testid="payouts">
              <TableCaption>{t.payouts.caption}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.payouts.date}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.payouts.amount}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.payouts.count}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.payouts.claims}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {payouts.items.map((payout) => (
                  <TableRow key={payout.payoutId} data-payout-id={payout.payoutId}>
                    <TableHeaderCell scope="row">{day(payout.createdAt)}</TableHeaderCell>
                    <TableCell className="lr-amount">{money(payout.amount)}</TableCell>
                    <TableCell>{payout.claims.length}</TableCell>
                    <TableCell>
                      <ul>
                        {payout.claims.map((claimId) => (
                          <li key={claimId}>
                            <AppLink to={`${portalBase}claims/${encodeURIComponent(claimId)}`}>
                              {t.payouts.claimLink(claimId)}
                            </AppLink>
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        ))}
      <MoreButton pages={payouts} label={t.payouts.more} />
    </>
  );
}
