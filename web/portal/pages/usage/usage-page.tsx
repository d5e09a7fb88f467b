import {
  Button,
  FormFieldTextbox,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useLoad } from '../../../src/use-load.ts';
import { api } from '../../api.ts';
import { isIsoDate } from '../../components/date-check.ts';
import { useFocusFirstInvalid } from '../../components/form-feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { todayInNetherlands, useDate } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { downloadText } from '../../requests.ts';
import type { RouteParams } from '../../routes.ts';
import { UsageChart } from './usage-chart.tsx';
import { usageCsv } from './usage-csv.ts';
import { daysBetween, defaultPeriod, usagePeriodDaysMax } from './usage-flows.ts';
import { UsageTable } from './usage-table.tsx';

/** Per own scheme, what happened to the money in a period: a chart, the same figures in a table, and a CSV. */
export function UsagePage(_props: { params: RouteParams }) {
  const { t, language } = usePortalLanguage();
  const texts = t.usage;
  const date = useDate();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState(() => defaultPeriod(todayInNetherlands()));
  const [period, setPeriod] = useState(fields);
  const [attempt, setAttempt] = useState(0);
  const report = useLoad(() => api.usage(period.from, period.to), `${period.from}/${period.to}`);

  const errors = {
    from: isIsoDate(fields.from) ? undefined : texts.dateInvalid,
    to: !isIsoDate(fields.to)
      ? texts.dateInvalid
      : isIsoDate(fields.from) && fields.from > fields.to
        ? texts.orderInvalid
        : isIsoDate(fields.from) && daysBetween(fields.from, fields.to) > usagePeriodDaysMax
          ? texts.tooLong
          : undefined,
  };
  const invalid = errors.from !== undefined || errors.to !== undefined;
  const shown = (error: string | undefined) => (attempt > 0 ? error : undefined);
  useFocusFirstInvalid(form, attempt, invalid);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempt((value) => value + 1);
    if (invalid) return;
    setPeriod(fields);
    if (fields.from === period.from && fields.to === period.to) report.reload();
  }

  const set = (name: 'from' | 'to') => (event: React.FormEvent<HTMLDivElement>) =>
    setFields((previous) => ({ ...previous, [name]: (event.target as HTMLInputElement).value }));
  const asOf = (timestamp: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(
      new Date(timestamp),
    );

  return (
    <>
      <PageHeading>{texts.title}</PageHeading>
      <Paragraph>{texts.intro}</Paragraph>
      <form ref={form} onSubmit={submit} noValidate aria-label={texts.periodLegend} className="lr-period">
        <FormFieldTextbox
          name="from"
          type="date"
          label={texts.fromLabel}
          value={fields.from}
          invalid={shown(errors.from) !== undefined}
          errorMessage={shown(errors.from)}
          onChange={set('from')}
        />
        <FormFieldTextbox
          name="to"
          type="date"
          label={texts.toLabel}
          value={fields.to}
          invalid={shown(errors.to) !== undefined}
          errorMessage={shown(errors.to)}
          onChange={set('to')}
        />
        <Button type="submit" appearance="primary-action-button">
          {texts.button}
        </Button>
      </form>
      {report.state === 'loading' && <Loading />}
      {report.state === 'error' && <Problem error={report.error} retry={report.reload} />}
      {report.state === 'ok' && (
        <section aria-labelledby="usage-result-title" data-testid="usage-result">
          <Heading2 id="usage-result-title">{texts.chartTitle(date(report.data.from), date(report.data.to))}</Heading2>
          <Paragraph>{report.data.asOf === null ? texts.asOfNone : texts.asOf(asOf(report.data.asOf))}</Paragraph>
          {report.data.items.length === 0 ? (
            <Paragraph>{texts.empty}</Paragraph>
          ) : (
            <>
              {/* Below its smallest legible width (400% zoom, a phone) the chart scrolls in its own box. */}
              <TableScroll label={texts.chartRegion}>
                <UsageChart
                  items={report.data.items}
                  title={texts.chartTitle(date(report.data.from), date(report.data.to))}
                />
              </TableScroll>
              <UnorderedList>
                {texts.flowsExplained.map((line) => (
                  <UnorderedListItem key={line}>{line}</UnorderedListItem>
                ))}
              </UnorderedList>
              <Heading2 id="usage-table-title">{texts.tableTitle}</Heading2>
              <UsageTable items={report.data.items} />
              <Paragraph>
                <Button
                  appearance="secondary-action-button"
                  onClick={() =>
                    downloadText(
                      texts.downloadFile(report.data.from, report.data.to),
                      usageCsv(report.data.items, texts),
                    )
                  }
                >
                  {texts.download}
                </Button>
              </Paragraph>
            </>
          )}
        </section>
      )}
    </>
  );
}
