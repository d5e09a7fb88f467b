import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { Part } from '../../api.ts';
import { useMoney } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { schemeKeyOf } from '../../scheme-key.ts';
import type { Split } from './split.ts';

/** Who pays what if the person approves: each pot that pays something, and what they pay themselves. */
export function SplitTable({ split, potLabel }: { split: Split; potLabel: (part: Part) => string }) {
  const { t } = useLanguage();
  const money = useMoney();
  return (
    <section aria-labelledby="split-title">
      <Heading2 id="split-title">{t.claim.splitTitle}</Heading2>
      <Paragraph>{t.claim.splitIntro}</Paragraph>
      <div className="lr-table-scroll">
        <Table data-testid="split">
          <TableCaption className="lr-visually-hidden">{t.claim.splitTitle}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.claim.pot}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.claim.pays}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {split.parts
              .filter((part) => part.amount > 0)
              .map((part) => (
                <TableRow key={schemeKeyOf(part)}>
                  <TableHeaderCell scope="row">{potLabel(part)}</TableHeaderCell>
                  <TableCell className="lr-amount">{money(part.amount)}</TableCell>
                </TableRow>
              ))}
            <TableRow>
              <TableHeaderCell scope="row">{t.claim.own}</TableHeaderCell>
              <TableCell className="lr-amount" data-testid="own-contribution">
                {money(split.ownContribution)}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </div>
      <Paragraph>
        {split.ownContribution > 0 ? t.claim.ownExplained(money(split.ownContribution)) : t.claim.noOwn}
      </Paragraph>
    </section>
  );
}
