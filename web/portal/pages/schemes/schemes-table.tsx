import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { Scheme } from '../../api.ts';
import { useDate, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';

/** The organisation's schemes, one row each; it scrolls sideways in its own box on a narrow screen. */
export function SchemesTable({ schemes }: { schemes: readonly Scheme[] }) {
  const { t } = usePortalLanguage();
  const texts = t.schemes;
  const money = useMoney();
  const date = useDate();
  const expiry = (scheme: Scheme) =>
    scheme.expiresAt !== undefined
      ? texts.expiresOn(date(scheme.expiresAt))
      : scheme.expiresAfterMonths !== undefined
        ? texts.expiresAfter(scheme.expiresAfterMonths)
        : texts.noExpiry;
  return (
    <div className="lr-table-scroll">
      <Table data-testid="schemes">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{texts.columns.label}</TableHeaderCell>
            <TableHeaderCell scope="col">{texts.columns.schemeId}</TableHeaderCell>
            <TableHeaderCell scope="col">{texts.columns.expiry}</TableHeaderCell>
            <TableHeaderCell scope="col">{texts.columns.maxPerCourse}</TableHeaderCell>
            <TableHeaderCell scope="col">{texts.columns.budget}</TableHeaderCell>
            <TableHeaderCell scope="col">{texts.columns.revocable}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {schemes.map((scheme) => (
            <TableRow key={scheme.schemeId}>
              <TableHeaderCell scope="row">{scheme.label}</TableHeaderCell>
              <TableCell>
                <code>{scheme.schemeId}</code>
              </TableCell>
              <TableCell>{expiry(scheme)}</TableCell>
              <TableCell className="lr-number">
                {scheme.maxPerCourse === undefined ? texts.noLimit : money(scheme.maxPerCourse)}
              </TableCell>
              <TableCell className="lr-number">
                {scheme.budget === undefined ? texts.noLimit : money(scheme.budget)}
              </TableCell>
              <TableCell>{scheme.revocable ? texts.yes : texts.no}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
