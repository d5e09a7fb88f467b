/**
 * The provider's courses: the ones it published, and a form to publish another.
 */
import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useLoad } from '../../../src/use-load.ts';
import type { Course } from '../../api.ts';
import { categoryLabel } from '../../categories.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { useDate, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { useOrganisation } from '../../organisation.ts';
import type { RouteParams } from '../../routes.ts';
import { CourseForm } from './course-form.tsx';
import { loadOwnCourses } from './own-courses.ts';

export function CoursesPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const organisation = useOrganisation();
  // Bumped after a publication, so the list is read again and shows the new course.
  const [version, setVersion] = useState(0);
  const [published, setPublished] = useState<Course | undefined>();
  const courses = useLoad(() => loadOwnCourses(organisation.orgId), `${organisation.orgId}\n${version}`);
  return (
    <>
      <PageHeading>{t.courses.title}</PageHeading>
      <Paragraph>{t.courses.intro}</Paragraph>
      {published !== undefined && (
        <Alert type="ok" role="status">
          <Paragraph>{t.courses.published(published.title)}</Paragraph>
        </Alert>
      )}
      <section aria-labelledby="courses-title">
        <Heading2 id="courses-title">{t.courses.listTitle}</Heading2>
        {courses.state === 'loading' && <Loading />}
        {courses.state === 'error' && <Problem error={courses.error} retry={courses.reload} />}
        {courses.state === 'ok' && <CourseTable courses={courses.data} />}
      </section>
      <CourseForm
        knownCategories={courses.state === 'ok' ? courses.data.map((course) => course.category) : []}
        onPublished={(course) => {
          setPublished(course);
          setVersion((value) => value + 1);
        }}
      />
    </>
  );
}

function CourseTable({ courses }: { courses: readonly Course[] }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const date = useDate();
  if (courses.length === 0) return <Paragraph>{t.courses.none}</Paragraph>;
  return (
    <DataTable
      caption={t.courses.count(courses.length)}
      testId="courses"
      rows={courses}
      rowKey={(course) => course.courseId}
      columns={[
        { header: t.courses.courseTitle, cell: (course) => course.title },
        { header: t.courses.courseId, cell: (course) => course.courseId },
        { header: t.courses.category, cell: (course) => categoryLabel(course.category, t) },
        { header: t.courses.price, cell: (course) => money(course.price), amount: true },
        {
          header: t.courses.startDates,
          cell: (course) =>
            course.startDates === undefined || course.startDates.length === 0
              ? t.courses.noStartDates
              : course.startDates.map(date).join(', '),
        },
      ]}
    />
  );
}
