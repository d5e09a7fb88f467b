import { Button, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { type Account, api, type Claim, type Transaction } from '../api.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading, Problem } from '../components/problem.tsx';
import { formatDay, formatMoney } from '../format.ts';
import { type EntryFacts, type Language, type Messages, useLanguage } from '../i18n/index.ts';
import { sameScheme, schemeKeyOf } from '../scheme-key.ts';

interface HistoryState {
  readonly items: readonly Transaction[];
  readonly nextCursor?: string;
  /** Pot labels and funders by funder and scheme (`schemeKeyOf`), and claims by id: what each entry was about. */
  readonly pots: ReadonlyMap<string, { label: string; funder: string }>;
  readonly claims: ReadonlyMap<string, Claim>;
}

async function loadFirstPage(): Promise<HistoryState> {
  const [page, account, claims] = await Promise.all([
    api.transactions(),
    api.account().catch((): Account => ({ totals: { available: 0, reserved: 0 }, pots: [] })),
    // Claims make sentences richer ("for Veilig werken op hoogte"); without them they stay true.
    api.claims().then(
      (result) => result.items,
      (): Claim[] => [],
    ),
  ]);
  return {
    items: page.items,
    ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    pots: new Map(account.pots.map((pot) => [schemeKeyOf(pot), { label: pot.label, funder: pot.funder.name }])),
    claims: new Map(claims.map((claim) => [claim.claimId, claim])),
  };
}

/** One entry as a plain sentence, from its type, amount and what else the app knows. */
export function entrySentence(entry: Transaction, state: HistoryState, t: Messages, language: Language): string {
  const pot = state.pots.get(schemeKeyOf(entry));
  const claim = entry.claimId === undefined ? undefined : state.claims.get(entry.claimId);
  // The sentence says the direction, so the amount is shown without a sign.
  const facts: EntryFacts = {
    amount: formatMoney(Math.abs(entry.amount), language),
    ...(pot !== undefined && { pot: pot.label, funder: pot.funder }),
    ...(claim !== undefined && { provider: claim.provider.name, course: claim.course.title }),
  };
  if (entry.type === 'capture' && claim !== undefined && entry.amount === 0) {
    // A capture takes held money, so it does not change what is available: say what was taken.
    const captured = claim.parts?.find((part) => sameScheme(part, entry))?.amount;
    if (captured !== undefined)
      return t.history.sentence(entry.type, { ...facts, amount: formatMoney(captured, language) });
  }
  return t.history.sentence(entry.type, facts);
}

export function HistoryPage() {
  const { t, language } = useLanguage();
  const [state, setState] = useState<HistoryState | undefined>();
  const [error, setError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [attempt, setAttempt] = useState(0);
  const firstNewRef = useRef<HTMLLIElement>(null);
  const [firstNewIndex, setFirstNewIndex] = useState<number | undefined>();

  // `attempt` is how "Probeer opnieuw" asks for the first page again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let current = true;
    setError(undefined);
    loadFirstPage().then(
      (loaded) => current && setState(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  useEffect(() => {
    // After "Meer laden" the focus goes to the first new entry, so reading goes on where it stopped.
    if (firstNewIndex !== undefined) firstNewRef.current?.focus();
  }, [firstNewIndex]);

  async function loadMore() {
    if (state?.nextCursor === undefined) return;
    setLoadingMore(true);
    try {
      const page = await api.transactions(state.nextCursor);
      setFirstNewIndex(state.items.length);
      setState({
        ...state,
        items: [...state.items, ...page.items],
        ...(page.nextCursor === undefined ? { nextCursor: undefined } : { nextCursor: page.nextCursor }),
      });
      setAnnouncement(
        `${t.history.loaded(page.items.length)}${page.nextCursor === undefined ? ` ${t.history.all}` : ''}`,
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeading>{t.history.title}</PageHeading>
      <Paragraph>{t.history.intro}</Paragraph>
      {state === undefined && error === undefined && <Loading />}
      {error !== undefined && <Problem error={error} retry={() => setAttempt((value) => value + 1)} />}
      {state !== undefined && state.items.length === 0 && <Paragraph>{t.history.empty}</Paragraph>}
      {state !== undefined && state.items.length > 0 && (
        <ol className="lr-history" data-testid="history">
          {state.items.map((entry, index) => (
            <li
              key={entry.id}
              className="lr-history__entry"
              data-type={entry.type}
              ref={index === firstNewIndex ? firstNewRef : undefined}
              tabIndex={index === firstNewIndex ? -1 : undefined}
            >
              <span className="lr-history__date">{formatDay(entry.at, language)}</span>
              <span className="lr-history__text">{entrySentence(entry, state, t, language)}</span>
            </li>
          ))}
        </ol>
      )}
      {state?.nextCursor !== undefined && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            onClick={() => void loadMore()}
            busy={loadingMore}
            disabled={loadingMore}
          >
            {t.history.more}
          </Button>
        </Paragraph>
      )}
      <p role="status" className="lr-visually-hidden">
        {announcement}
      </p>
    </>
  );
}
