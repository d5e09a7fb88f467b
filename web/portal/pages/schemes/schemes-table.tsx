import type { Scheme } from '../../api.ts';
import { categoryLabel } from '../../categories.ts';
import { DataTable } from '../../components/data-table.tsx';
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
    <DataTable
      caption={texts.tableCaption}
      captionHidden
      testId="schemes"
      rows={schemes}
      rowKey={(scheme) => scheme.schemeId}
      columns={[
        { header: texts.columns.label, cell: (scheme) => scheme.label },
        { header: texts.columns.schemeId, cell: (scheme) => <code>{scheme.schemeId}</code> },
        { header: texts.columns.expiry, cell: expiry },
        {
          header: texts.columns.categories,
          cell: (scheme) =>
            scheme.categories === undefined
              ? texts.allCourses
              : scheme.categories.map((category) => categoryLabel(category, t)).join(', '),
        },
        {
          header: texts.columns.maxPerCourse,
          cell: (scheme) => (scheme.maxPerCourse === undefined ? texts.noLimit : money(scheme.maxPerCourse)),
          amount: true,
        },
        {
          header: texts.columns.budget,
          cell: (scheme) => (scheme.budget === undefined ? texts.noLimit : money(scheme.budget)),
          amount: true,
        },
        { header: texts.columns.revocable, cell: (scheme) => (scheme.revocable ? texts.yes : texts.no) },
      ]}
    />
  );
}
