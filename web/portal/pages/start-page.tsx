import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../src/router.tsx';
import type { Organisation } from '../api.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { usePortalLanguage } from '../i18n/index.ts';
import { portalPath } from '../routes.ts';

/** The first page after signing in: the tasks of the organisation's role, each a link with one line. */
export function StartPage({ organisation }: { organisation: Organisation }) {
  const { t } = usePortalLanguage();
  return (
    <>
      <PageHeading>{`${t.start.title}, ${organisation.name}`}</PageHeading>
      <Paragraph lead>{t.start.intro}</Paragraph>
      <section aria-labelledby="tasks-title">
        <Heading2 id="tasks-title" className="lr-visually-hidden">
          {t.start.tasks}
        </Heading2>
        <ul className="lr-tasks">
          {t.start[organisation.role].map((task) => (
            <li key={task.to} className="lr-tasks__item">
              <AppLink to={portalPath(task.to)} className="lr-tasks__link">
                {task.title}
              </AppLink>
              <Paragraph>{task.text}</Paragraph>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
