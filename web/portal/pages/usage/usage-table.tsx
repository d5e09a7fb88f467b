import { DataTable } from '../../components/data-table.tsx';
import { useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { type UsageItem, usageFlows } from './usage-flows.ts';

/** The chart's figures as a table: a scheme a row, a flow a column, and the number of persons. */
export function UsageTable({ items }: { items: readonly UsageItem[] }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  return (
    <DataTable
      caption={t.usage.tableCaption}
      captionHidden
      testId="usage-table"
      rows={items}
      rowKey={(item) => item.schemeId}
      columns={[
        { header: t.usage.columns.scheme, cell: (item) => item.label },
        ...usageFlows.map((flow) => ({
          header: t.usage.flows[flow],
          cell: (item: UsageItem) => money(item[flow]),
          amount: true,
        })),
        {
          header: t.usage.columns.persons,
          cell: (item) => (item.persons === null ? t.usage.fewPersons : item.persons),
        },
      ]}
    />
  );
}
