import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Heading2,
  Heading3,
  Paragraph,
} from '@utrecht/component-library-react';
import { type Account, api, type Claim, type Page } from '../api.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading, Problem } from '../components/problem.tsx';
import { formatDate, useMoney } from '../format.ts';
import { useLanguage } from '../i18n/index.ts';
import { AppLink } from '../router.tsx';
import { useLoad } from '../use-load.ts';

/** What waits for the person; the overview only mentions it, so a failure here stays quiet. */
function loadWaitingClaims(): Promise<number> {
  return api.claims().then(
    (page: Page<Claim>) => page.items.filter((claim) => claim.status === 'awaiting_approval').length,
    () => 0,
  );
}

export function OverviewPage() {
  const { t } = useLanguage();
  const account = useLoad<Account>(api.account, 'account');
  const waiting = useLoad<number>(loadWaitingClaims, 'waiting');
  return (
    <>
      <PageHeading>{t.overview.title}</PageHeading>
      {account.state === 'loading' && <Loading />}
      {account.state === 'error' && <Problem error={account.error} retry={account.reload} />}
      {account.state === 'ok' && (
        <AccountView account={account.data} waitingClaims={waiting.state === 'ok' ? waiting.data : 0} />
      )}
    </>
  );
}

function AccountView({ account, waitingClaims }: { account: Account; waitingClaims: number }) {
  const { t, language } = useLanguage();
  const money = useMoney();
  return (
    <>
      <div className="lr-totals">
        <section className="lr-total" aria-labelledby="total-available">
          <Heading level={2} id="total-available" appearance="utrecht-heading-3">
            {t.overview.available}
          </Heading>
          <Paragraph className="lr-total__amount" data-testid="total-available">
            {money(account.totals.available)}
          </Paragraph>
        </section>
        <section className="lr-total" aria-labelledby="total-reserved">
          <Heading level={2} id="total-reserved" appearance="utrecht-heading-3">
            {t.overview.reserved}
          </Heading>
          <Paragraph className="lr-total__amount" data-testid="total-reserved">
            {money(account.totals.reserved)}
          </Paragraph>
          {account.totals.reserved > 0 && <Paragraph>{t.overview.reservedExplained}</Paragraph>}
        </section>
      </div>

      {waitingClaims > 0 && (
        <Alert type="info" role="note">
          <Paragraph>
            {t.overview.claimsWaiting(waitingClaims)} <AppLink to="/claims">{t.overview.claimsWaitingLink}</AppLink>
          </Paragraph>
        </Alert>
      )}

      <Heading2>{t.overview.potsTitle}</Heading2>
      {account.pots.length === 0 ? (
        <Paragraph>{t.overview.noPots}</Paragraph>
      ) : (
        <ul className="lr-cards">
          {account.pots.map((pot) => (
            <li key={`${pot.funderId} ${pot.schemeId} ${pot.expiresAt ?? ''}`} className="lr-card" data-testid="pot">
              <Heading3>{pot.label}</Heading3>
              <DataList className="lr-facts">
                <DataListItem>
                  <DataListKey>{t.overview.from}</DataListKey>
                  <DataListValue>
                    {pot.funder.name} ({t.overview.funderType[pot.funder.type]})
                  </DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>{t.overview.amountLeft}</DataListKey>
                  <DataListValue className="lr-amount" data-testid="pot-available">
                    {money(pot.available)}
                  </DataListValue>
                </DataListItem>
                {pot.reserved > 0 && (
                  <DataListItem>
                    <DataListKey>{t.overview.amountHeld}</DataListKey>
                    <DataListValue data-testid="pot-reserved">{money(pot.reserved)}</DataListValue>
                  </DataListItem>
                )}
                <DataListItem>
                  <DataListKey>{t.overview.useBefore}</DataListKey>
                  <DataListValue>
                    {pot.expiresAt === undefined ? t.overview.noExpiry : formatDate(pot.expiresAt, language)}
                  </DataListValue>
                </DataListItem>
              </DataList>
              {pot.expiringSoon === true && pot.expiresAt !== undefined && (
                <Alert type="warning" role="note" data-testid="expiry-warning">
                  <Paragraph>
                    <strong>{t.overview.expiringTitle}</strong>
                  </Paragraph>
                  <Paragraph>{t.overview.expiring(formatDate(pot.expiresAt, language))}</Paragraph>
                  <Paragraph>
                    <AppLink to="/courses">{t.overview.expiringAction}</AppLink>
                  </Paragraph>
                </Alert>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
