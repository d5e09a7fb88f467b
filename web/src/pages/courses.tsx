import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormFieldTextbox,
  FormLabel,
  Heading2,
  Heading3,
  Heading4,
  Paragraph,
  Select,
  SelectOption,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useId, useState } from 'react';
import { api, type Course } from '../api.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading, Problem } from '../components/problem.tsx';
import { formatDate, useMoney } from '../format.ts';
import { useLanguage } from '../i18n/index.ts';
import { useRouter } from '../router.tsx';
import { schemeKeyOf } from '../scheme-key.ts';
import { useLoad } from '../use-load.ts';

/** The search lives in the address (`?q=…&category=…`), so a result can be shared and reloaded. */
export function CoursesPage() {
  const { t } = useLanguage();
  const { search, navigate } = useRouter();
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const [queryInput, setQueryInput] = useState(q);
  const [categoryInput, setCategoryInput] = useState(category);
  const [categories, setCategories] = useState<readonly string[]>([]);
  const categoryId = useId();
  const results = useLoad(() => api.courses({ q, category }), `${q}\n${category}`);

  useEffect(() => {
    // The kinds of course to choose from are the ones seen so far; an empty search shows them all.
    if (results.state === 'ok') {
      setCategories((known) => [...new Set([...known, ...results.data.items.map((course) => course.category)])].sort());
    }
  }, [results]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (queryInput.trim() !== '') next.set('q', queryInput.trim());
    if (categoryInput !== '') next.set('category', categoryInput);
    const text = next.toString();
    navigate(`/courses${text === '' ? '' : `?${text}`}`);
  }

  return (
    <>
      <PageHeading>{t.courses.title}</PageHeading>
      <Paragraph>{t.courses.intro}</Paragraph>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role="search" is the search landmark
          every screen reader knows; the <search> element is too new to rely on. */}
      <form onSubmit={submit} className="lr-search" role="search" aria-label={t.courses.search}>
        <FormFieldTextbox
          name="q"
          type="search"
          label={t.courses.search}
          description={t.courses.searchHint}
          value={queryInput}
          onChange={(event: React.FormEvent<HTMLDivElement>) => setQueryInput((event.target as HTMLInputElement).value)}
        />
        <FormField type="select">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={categoryId}>{t.courses.category}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select
              id={categoryId}
              name="category"
              value={categoryInput}
              onChange={(event) => setCategoryInput(event.target.value)}
            >
              <SelectOption value="">{t.courses.allCategories}</SelectOption>
              {[...new Set([...categories, ...(category === '' ? [] : [category])])].map((value) => (
                <SelectOption key={value} value={value}>
                  {value}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
        <Paragraph>
          <Button type="submit" appearance="primary-action-button">
            {t.courses.submit}
          </Button>
        </Paragraph>
      </form>
      {results.state === 'loading' && <Loading />}
      {results.state === 'error' && <Problem error={results.error} retry={results.reload} />}
      {results.state === 'ok' && (
        <section aria-labelledby="results-title">
          <Heading2 id="results-title" aria-live="polite">
            {t.courses.results(results.data.items.length)}
          </Heading2>
          {results.data.items.length === 0 ? (
            <Paragraph>{t.courses.none}</Paragraph>
          ) : (
            <ul className="lr-cards">
              {results.data.items.map((course) => (
                <CourseCard key={`${course.provider.providerId} ${course.courseId}`} course={course} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function CourseCard({ course }: { course: Course }) {
  const { t, language } = useLanguage();
  const money = useMoney();
  const payable = (course.payableBy ?? []).filter((part) => part.amount > 0);
  const covered = payable.reduce((sum, part) => sum + part.amount, 0);
  const own = course.ownContribution ?? Math.max(course.price - covered, 0);
  return (
    <li className="lr-card" data-testid="course">
      <Heading3>{course.title}</Heading3>
      <DataList className="lr-facts">
        <DataListItem>
          <DataListKey>{t.courses.provider}</DataListKey>
          <DataListValue>{course.provider.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t.courses.price}</DataListKey>
          <DataListValue className="lr-amount">{money(course.price)}</DataListValue>
        </DataListItem>
        {course.startDates !== undefined && course.startDates.length > 0 && (
          <DataListItem>
            <DataListKey>{t.courses.starts}</DataListKey>
            <DataListValue>{course.startDates.map((date) => formatDate(date, language)).join(', ')}</DataListValue>
          </DataListItem>
        )}
      </DataList>
      <Heading4>{t.courses.payable}</Heading4>
      {payable.length === 0 ? (
        <Paragraph>{t.courses.notPayable}</Paragraph>
      ) : (
        <>
          <UnorderedList>
            {payable.map((part) => (
              <UnorderedListItem key={schemeKeyOf(part)}>
                {part.label}: {money(part.amount)}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>{own > 0 ? t.courses.ownPart(money(own)) : t.courses.fullyPaid}</Paragraph>
        </>
      )}
    </li>
  );
}
