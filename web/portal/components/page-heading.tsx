import { Heading1 } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useRouter } from '../../src/router.tsx';
import { usePortalLanguage } from '../i18n/index.ts';

/**
 * The page's one `h1`. It names the page in the browser tab too, and after an in-app navigation
 * it takes the focus, so keyboard and screen reader users start reading at the new page.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { navigations } = useRouter();
  const { t } = usePortalLanguage();
  useEffect(() => {
    document.title = `${children} – ${t.appName}`;
  }, [children, t.appName]);
  useEffect(() => {
    if (navigations > 0) ref.current?.focus();
  }, [navigations]);
  return (
    <Heading1 ref={ref} tabIndex={-1} id="page-title">
      {children}
    </Heading1>
  );
}
