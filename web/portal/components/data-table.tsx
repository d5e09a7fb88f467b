import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { TableScroll } from './table-scroll.tsx';

/** One column: its heading and what each row shows in it. */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
  /** Amounts: right-aligned, figures under each other. */
  readonly amount?: boolean;
  /** The cell that names the row (`th scope="row"`); the first column when none says so. */
  readonly rowHeader?: boolean;
}

/**
 * A table of the portal's lists (claims, courses, payouts, schemes, uploads, the audit trail):
 * a caption, a header cell per column, one cell per row naming it for screen readers, and its own
 * horizontal scroll box, named by the caption, for 400% zoom and phones.
 */
export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  rowData,
  testId,
}: {
  caption: string;
  /** When a heading right above already says what the caption would. */
  captionHidden?: boolean;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** `data-*` attributes of a row, for the tests to find it. */
  rowData?: (row: Row) => Readonly<Record<`data-${string}`, string>>;
  testId?: string;
}) {
  const headerColumn = Math.max(
    columns.findIndex((column) => column.rowHeader === true),
    0,
  );
  return (
    <TableScroll label={caption}>
      <Table data-testid={testId}>
        <TableCaption className={captionHidden ? 'lr-visually-hidden' : undefined}>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column.header} scope="col" className={column.amount ? 'lr-amount' : undefined}>
                {column.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((column, index) =>
                index === headerColumn ? (
                  <TableHeaderCell key={column.header} scope="row">
                    {column.cell(row)}
                  </TableHeaderCell>
                ) : (
                  <TableCell key={column.header} className={column.amount ? 'lr-amount' : undefined}>
                    {column.cell(row)}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
