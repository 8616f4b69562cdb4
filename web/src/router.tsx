/**
 * A small history router: the path is state, links push it, the back button pops it. Patterns
 * like `/cases/:id` give their parameters to the page. Enough for the app's flat page list.
 */
export { matchPath } from './route-match';

import { type AnchorHTMLAttributes, createContext, type ReactNode, useContext, useEffect, useState } from 'react';

interface Route {
  path: string;
  navigate(to: string): void;
}

const RouterContext = createContext<Route | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname + window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string) => {
    if (to === path) return;
    window.history.pushState(null, '', to);
    setPath(to);
    window.scrollTo(0, 0);
  };
  return <RouterContext.Provider value={{ path, navigate }}>{children}</RouterContext.Provider>;
}

export function useRoute(): Route {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRoute outside RouterProvider');
  return value;
}

/**
 * An in-app link: a real <a href> (open in new tab works), navigating without a reload. It marks
 * itself current when its path is the page's, unless the caller says (tabs that differ only by
 * their query, like the links page's Graph and Map, pass `aria-current` themselves).
 */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { path, navigate } = useRoute();
  const current = 'aria-current' in rest ? rest['aria-current'] : path.split('?')[0] === to ? 'page' : undefined;
  return (
    <a
      {...rest}
      href={to}
      aria-current={current}
      onClick={(event) => {
        onClick?.(event);
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
