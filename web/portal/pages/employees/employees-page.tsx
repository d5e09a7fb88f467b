import { Paragraph } from '@utrecht/component-library-react';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';
import { EndEmploymentForm } from './end-employment-form.tsx';
import { RegisterEmployeeForm } from './register-employee-form.tsx';

/** An employer's employees: register one who starts, end the employment of one who leaves. */
export function EmployeesPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  return (
    <>
      <PageHeading>{t.employees.title}</PageHeading>
      <Paragraph>{t.employees.intro}</Paragraph>
      <RegisterEmployeeForm />
      <EndEmploymentForm />
    </>
  );
}
