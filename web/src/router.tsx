/**
 * A router just big enough for five pages: the path from the History API, links that change it
 * without a reload, and a flag that tells a page whether the person navigated to it (then focus
 * moves to its heading, as a screen reader user expects after following a link).
 */
import { Link } from '@utrecht/component-library-react';
import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

interface RouterValue {
  readonly path: string;
  readonly search: string;
  /** How many in-app navigations happened; 0 on the first page of a load. */
  readonly navigations: number;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue>({ path: '/', search: '', navigations: 0, navigate: () => undefined });

export function useRouter(): RouterValue {
  return useContext(RouterContext);
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
    navigations: 0,
  }));

  useEffect(() => {
    const onPopState = () =>
      setLocation((previous) => ({
        path: window.location.pathname,
        search: window.location.search,
        navigations: previous.navigations + 1,
      }));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    const url = new URL(to, window.location.origin);
    if (options.replace === true) window.history.replaceState(null, '', url.href);
    else window.history.pushState(null, '', url.href);
    setLocation((previous) => ({ path: url.pathname, search: url.search, navigations: previous.navigations + 1 }));
  }, []);

  const value = useMemo(() => ({ ...location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export interface AppLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  readonly to: string;
}

/** An NL Design System link that navigates inside the app; a modified click opens a new tab as usual. */
export function AppLink({ to, onClick, children, ...props }: AppLinkProps) {
  const { navigate, path } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={to} onClick={handleClick} aria-current={path === to ? 'page' : undefined} {...props}>
      {children}
    </Link>
  );
}
