import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { type UsageItem, usageFlows } from './usage-flows.ts';

/** The chart's figures as a table: a scheme a row, a flow a column, and the number of persons. */
export function UsageTable({ items }: { items: readonly UsageItem[] }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  return (
    <div className="lr-table-scroll">
      <Table data-testid="usage-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t.usage.columns.scheme}</TableHeaderCell>
            {usageFlows.map((flow) => (
              <TableHeaderCell key={flow} scope="col">
                {t.usage.flows[flow]}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col">{t.usage.columns.persons}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.schemeId}>
              <TableHeaderCell scope="row">{item.label}</TableHeaderCell>
              {usageFlows.map((flow) => (
                <TableCell key={flow}>{money(item[flow])}</TableCell>
              ))}
              <TableCell>{item.persons === null ? t.usage.fewPersons : item.persons}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
