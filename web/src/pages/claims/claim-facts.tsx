import { DataList, DataListItem, DataListKey, DataListValue } from '@utrecht/component-library-react';
import type { Claim } from '../../api.ts';
import { formatDate, useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';

/** Who asks, for which course, when it starts and how much: the same facts on the list and on the claim. */
export function ClaimFacts({ claim }: { claim: Claim }) {
  const { t, language } = useLanguage();
  const money = useMoney();
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
