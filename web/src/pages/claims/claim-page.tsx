/**
 * The page at `/claims/:claimId`: loads the claim, the account's pots and, while the claim waits
 * for an answer, the proposed split; then hands them to the review.
 */
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { type Account, type Allocation, api, type Claim } from '../../api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { AppLink } from '../../router.tsx';
import { useLoad } from '../../use-load.ts';
import { ClaimReview } from './claim-review.tsx';

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

/** One claim, found by its id among the citizen's claims; says so when it is not there. */
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
