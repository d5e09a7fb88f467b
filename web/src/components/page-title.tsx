import { Heading1 } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useRouter } from '../router.tsx';

/**
 * The page's one `h1`, for both apps. It names the page in the browser tab too ("title – site"),
 * and after an in-app navigation it takes the focus, so keyboard and screen reader users start
 * reading at the new page.
 */
export function PageTitle({ children, siteName }: { children: string; siteName: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { navigations } = useRouter();
  useEffect(() => {
    document.title = `${children} – ${siteName}`;
  }, [children, siteName]);
  useEffect(() => {
    if (navigations > 0) ref.current?.focus();
  }, [navigations]);
  return (
    <Heading1 ref={ref} tabIndex={-1} id="page-title">
      {children}
    </Heading1>
  );
}
