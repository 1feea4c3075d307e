// A minimal history-API router: the server falls back to index.html for unknown paths, so /cases/12
// can be reloaded or bookmarked.
import { useEffect, useState } from 'preact/hooks';

const subs = new Set();

export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const fn of subs) fn();
}

window.addEventListener('popstate', () => {
  for (const fn of subs) fn();
});

export function useLocation() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((t) => t + 1);
    subs.add(fn);
    return () => subs.delete(fn);
  }, []);
  return { path: location.pathname, search: new URLSearchParams(location.search) };
}

export function Link({ href, children, ...rest }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
