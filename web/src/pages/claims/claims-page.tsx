/**
 * The list of claims addressed to the citizen: the ones waiting for an answer as cards that open
 * the claim, and the earlier ones as a table with their status.
 */
import {
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
import { api } from '../../api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { AppLink } from '../../router.tsx';
import { useLoad } from '../../use-load.ts';
import { ClaimFacts } from './claim-facts.tsx';

/** The page at `/claims`: every claim a provider made on the citizen's account, waiting ones first. */
export function ClaimsPage() {
  const { t } = useLanguage();
  const claims = useLoad(api.claims, 'claims');
  const money = useMoney();
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
                  <ClaimFacts claim={claim} />
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
                        <TableCell>{t.claims.statusText[claim.status]}</TableCell>
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
