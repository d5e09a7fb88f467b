import { Button, FormFieldTextarea, FormFieldTextbox, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { ApiError, api, type Course } from '../../api.ts';
import { baseCategories, categoryLabel } from '../../categories.ts';
import { isIsoDate } from '../../components/date-check.ts';
import { FormProblem } from '../../components/form-feedback.tsx';
import { problemText } from '../../components/problem.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { useParseMoney } from '../../format.ts';
import { type PortalMessages, usePortalLanguage } from '../../i18n/index.ts';

/** The API's own rules for a course (`shared/api/fields.ts`), checked here first for a clear message. */
const courseIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const titleLengthMax = 200;

type Field = 'courseId' | 'title' | 'category' | 'price' | 'startDates';

interface Values {
  readonly courseId: string;
  readonly title: string;
  readonly category: string;
  readonly price: string;
  readonly startDates: string;
}

const empty: Values = { courseId: '', title: '', category: '', price: '', startDates: '' };

/** What the form would send, or per field what is wrong with it. */
function check(
  values: Values,
  parseMoney: (input: string) => number | undefined,
  t: PortalMessages,
): { errors: Partial<Record<Field, string>>; startDates: string[]; price: number | undefined } {
  const errors: Partial<Record<Field, string>> = {};
  if (!courseIdPattern.test(values.courseId.trim())) errors.courseId = t.courses.errorCourseId;
  const title = values.title.trim();
  if (title === '' || title.length > titleLengthMax) errors.title = t.courses.errorTitle;
  if (values.category === '') errors.category = t.courses.errorCategory;
  const price = parseMoney(values.price);
  if (price === undefined) errors.price = t.courses.errorPrice;
  else if (price <= 0) errors.price = t.courses.errorPriceZero;
  const startDates = values.startDates
    .split(/[\s,;]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (startDates.some((date) => !isIsoDate(date))) {
    errors.startDates = t.courses.errorStartDates;
  }
  return { errors, startDates, price };
}

/** Why the API refused the course, in words for this form. */
function refusal(error: unknown, courseId: string, t: PortalMessages): string {
  if (error instanceof ApiError && error.code === 'course_exists') return t.courses.exists(courseId);
  if (error instanceof ApiError && error.code === 'provider_not_active') return t.courses.notActive;
  if (error instanceof ApiError && error.status === 400) return t.courses.invalid;
  return problemText(error, t);
}

/** Publishes a course: its own checks first, in plain words, then `POST /v1/courses`. */
export function CourseForm({
  knownCategories,
  onPublished,
}: {
  knownCategories: readonly string[];
  onPublished: (course: Course) => void;
}) {
  const { t } = usePortalLanguage();
  const parseMoney = useParseMoney();
  const [values, setValues] = useState<Values>(empty);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const checked = check(values, parseMoney, t);
  const invalid = Object.keys(checked.errors).length > 0;

  // The base categories, and any other the provider used before.
  const categories = [...new Set([...baseCategories, ...knownCategories])].sort();
  const set = (field: Field) => (event: React.FormEvent<HTMLDivElement>) => {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    setValues((previous) => ({ ...previous, [field]: value }));
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    if (invalid || checked.price === undefined) {
      setFailure(t.courses.errorSummary);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    const courseId = values.courseId.trim();
    try {
      const course = await api.createCourse({
        courseId,
        title: values.title.trim(),
        category: values.category,
        price: checked.price,
        ...(checked.startDates.length > 0 && { startDates: checked.startDates }),
      });
      setValues(empty);
      setSubmitted(false);
      onPublished(course);
    } catch (error) {
      setFailure(refusal(error, courseId, t));
    } finally {
      setBusy(false);
    }
  }

  const shown = (field: Field) => (submitted ? checked.errors[field] : undefined);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="course-form-title">
      <Heading2 id="course-form-title">{t.courses.formTitle}</Heading2>
      <Paragraph>{t.courses.formIntro}</Paragraph>
      {failure !== undefined && <FormProblem>{failure}</FormProblem>}
      <FormFieldTextbox
        name="courseId"
        label={t.courses.courseIdLabel}
        description={t.courses.courseIdHint}
        autoComplete="off"
        value={values.courseId}
        invalid={shown('courseId') !== undefined}
        errorMessage={shown('courseId')}
        onChange={set('courseId')}
      />
      <FormFieldTextbox
        name="title"
        label={t.courses.titleLabel}
        autoComplete="off"
        value={values.title}
        invalid={shown('title') !== undefined}
        errorMessage={shown('title')}
        onChange={set('title')}
      />
      <SelectField
        name="category"
        label={t.courses.categoryLabel}
        description={t.courses.categoryHint}
        value={values.category}
        invalid={shown('category') !== undefined}
        errorMessage={shown('category')}
        options={[
          { value: '', label: t.courses.categoryChoose },
          ...categories.map((category) => ({ value: category, label: categoryLabel(category, t) })),
        ]}
        onChange={(category) => setValues((previous) => ({ ...previous, category }))}
      />
      <FormFieldTextbox
        name="price"
        label={t.courses.priceLabel}
        description={t.courses.priceHint}
        autoComplete="off"
        value={values.price}
        invalid={shown('price') !== undefined}
        errorMessage={shown('price')}
        onChange={set('price')}
      />
      <FormFieldTextarea
        name="startDates"
        label={t.courses.startDatesLabel}
        description={t.courses.startDatesHint}
        rows={3}
        value={values.startDates}
        invalid={shown('startDates') !== undefined}
        errorMessage={shown('startDates')}
        onChange={(event) => setValues((previous) => ({ ...previous, startDates: event.target.value }))}
      />
      <Paragraph>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy}>
          {busy ? t.courses.busy : t.courses.submit}
        </Button>
      </Paragraph>
    </form>
  );
}
