/**
 * The audit trail for a period of at most 31 days: who did what, when, and with what outcome,
 * oldest first, read page by page. The period lives in the address (`?from=…&to=…`), so a reload
 * or a shared link shows the same entries; a period there the API would refuse is shown in the form,
 * with what is wrong with it, whether the address was typed, shared or reached with Back.
 */
import { Alert, Button, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useRouter } from '../../../src/router.tsx';
import { type AuditEntry, api } from '../../api.ts';
import { MoreButton, useCursorPages } from '../../components/cursor-pages.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { portalBase } from '../../config.ts';
import { todayInNetherlands, useDate, useMoney } from '../../format.ts';
import { type PortalMessages, usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';
import { type PeriodProblem, periodProblem } from './audit-period.ts';

function problemMessage(problem: PeriodProblem, t: PortalMessages): string {
  switch (problem) {
    case 'from':
      return t.audit.errorFrom;
    case 'to':
      return t.audit.errorTo;
    case 'order':
      return t.audit.errorOrder;
    case 'tooLong':
      return t.audit.errorTooLong;
  }
}

export function AuditTrailPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const { search, navigate } = useRouter();
  const query = new URLSearchParams(search);
  const today = todayInNetherlands();
  const from = query.get('from') ?? today;
  const to = query.get('to') ?? today;
  const asked = periodProblem(from, to);
  const [fromInput, setFromInput] = useState(from);
  const [toInput, setToInput] = useState(to);
  const [problem, setProblem] = useState<PeriodProblem | undefined>(asked);
  // Back and Forward change the address but keep this page: the form then shows the address's period
  // and what is wrong with it, not what was typed before (which would leave a wrong period unexplained).
  const period = `${from}\n${to}`;
  const [formPeriod, setFormPeriod] = useState(period);
  if (formPeriod !== period) {
    setFormPeriod(period);
    setFromInput(from);
    setToInput(to);
    setProblem(asked);
  }
  const alertRef = useRef<HTMLDivElement>(null);
  const date = useDate();
  useEffect(() => {
    if (problem !== undefined) alertRef.current?.focus();
  }, [problem]);

  // A period from the address that the API would refuse is not asked for; the form says what is wrong.
  const entries = useCursorPages(
    (cursor) => (asked === undefined ? api.audit(from, to, cursor) : Promise.resolve({ items: [] as AuditEntry[] })),
    period,
  );

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const nextFrom = fromInput.trim();
    const nextTo = toInput.trim();
    const found = periodProblem(nextFrom, nextTo);
    setProblem(found);
    if (found !== undefined) return;
    navigate(`${portalBase}audit?from=${encodeURIComponent(nextFrom)}&to=${encodeURIComponent(nextTo)}`);
  }

  const fieldError = (field: 'from' | 'to') => {
    if (problem === undefined) return undefined;
    if (field === 'from') return problem === 'from' ? t.audit.errorFrom : undefined;
    return problem === 'from' ? undefined : problemMessage(problem, t);
  };
  return (
    <>
      <PageHeading>{t.audit.trailTitle}</PageHeading>
      <Paragraph>{t.audit.trailIntro}</Paragraph>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role="search" is the search landmark
          every screen reader knows; the <search> element is too new to rely on. */}
      <form onSubmit={submit} noValidate role="search" aria-label={t.audit.trailTitle}>
        {problem !== undefined && (
          <Alert type="error" ref={alertRef} tabIndex={-1}>
            <Paragraph>{problemMessage(problem, t)}</Paragraph>
          </Alert>
        )}
        <FormFieldTextbox
          name="from"
          label={t.audit.from}
          description={t.audit.dateHint}
          autoComplete="off"
          value={fromInput}
          invalid={fieldError('from') !== undefined}
          errorMessage={fieldError('from')}
          onChange={(event: React.FormEvent<HTMLDivElement>) => setFromInput((event.target as HTMLInputElement).value)}
        />
        <FormFieldTextbox
          name="to"
          label={t.audit.to}
          description={t.audit.dateHint}
          autoComplete="off"
          value={toInput}
          invalid={fieldError('to') !== undefined}
          errorMessage={fieldError('to')}
          onChange={(event: React.FormEvent<HTMLDivElement>) => setToInput((event.target as HTMLInputElement).value)}
        />
        <Paragraph>
          <Button type="submit" appearance="primary-action-button">
            {t.audit.show}
          </Button>
        </Paragraph>
      </form>
      {/* A table of the period before a refused one would read as its answer, so it goes while the form is wrong. */}
      {asked === undefined && problem === undefined && (
        <div>
          {entries.state === 'loading' && <Loading />}
          {entries.state === 'error' && <Problem error={entries.error} retry={entries.reload} />}
          {entries.state === 'ok' &&
            (entries.items.length === 0 ? (
              <Paragraph data-testid="audit-empty">{t.audit.none}</Paragraph>
            ) : (
              <AuditTable entries={entries.items} caption={t.audit.caption(date(from), date(to))} />
            ))}
          <MoreButton pages={entries} label={t.audit.more} />
        </div>
      )}
    </>
  );
}

/** Date and time in the Netherlands, to the second: the trail is read to find out what came first. */
function useDateTime(): (timestamp: string) => string {
  const { language } = usePortalLanguage();
  const format = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });
  return (timestamp) => {
    const time = new Date(timestamp);
    return Number.isNaN(time.getTime()) ? timestamp : format.format(time);
  };
}

/** The portal user who acted, which the sign-in adds to entries of portal users (`actor.userId`). */
function userIdOf(actor: AuditEntry['actor']): string | undefined {
  const value: unknown = (actor as { userId?: unknown }).userId;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function who(entry: AuditEntry, t: PortalMessages): string {
  const { actor } = entry;
  const parts: string[] = [t.audit.roles[actor.role]];
  if (actor.orgId !== undefined) parts.push(actor.orgId);
  if (actor.clientId !== undefined && actor.clientId !== actor.orgId) parts.push(actor.clientId);
  const userId = userIdOf(actor);
  if (userId !== undefined) parts.push(`${t.audit.user} ${userId}`);
  if (actor.personId !== undefined) parts.push(`${t.audit.person} ${actor.personId}`);
  if (actor.job !== undefined) parts.push(`${t.audit.job} ${actor.job}`);
  return parts.join(', ');
}

function what(entry: AuditEntry, t: PortalMessages): string {
  const { subject } = entry;
  const details = [
    subject.claimId === undefined ? undefined : `${t.audit.claim} ${subject.claimId}`,
    subject.courseId === undefined ? undefined : `${t.audit.course} ${subject.courseId}`,
    subject.schemeId === undefined ? undefined : `${t.audit.scheme} ${subject.schemeId}`,
  ].filter((detail) => detail !== undefined);
  return details.length === 0
    ? t.audit.actions[entry.action]
    : `${t.audit.actions[entry.action]}: ${details.join(', ')}`;
}

function AuditTable({ entries, caption }: { entries: readonly AuditEntry[]; caption: string }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const dateTime = useDateTime();
  return (
    <DataTable
      caption={caption}
      testId="audit"
      rows={entries}
      rowKey={(entry) => entry.auditId}
      rowData={(entry) => ({ 'data-action': entry.action })}
      columns={[
        { header: t.audit.when, cell: (entry) => dateTime(entry.at) },
        { header: t.audit.who, cell: (entry) => who(entry, t) },
        { header: t.audit.what, cell: (entry) => what(entry, t) },
        {
          header: t.audit.amount,
          cell: (entry) => (entry.amount === undefined ? '' : money(entry.amount)),
          amount: true,
        },
        {
          header: t.audit.outcome,
          cell: (entry) => `${t.audit.outcomes[entry.outcome]}${entry.code === undefined ? '' : ` (${entry.code})`}`,
        },
      ]}
    />
  );
}
