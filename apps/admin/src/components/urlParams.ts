import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-admin';

/** The search part of a path (`/x?a=1` → `?a=1`), as `location.search` spells it: '' for none. */
export function searchOf(path: string): string {
  const at = path.indexOf('?');
  const search = at < 0 ? '' : path.slice(at);
  return search === '?' ? '' : search;
}

/**
 * The filters of a page that keeps them in the URL, read from what the user last asked for.
 *
 * React Router moves to a new URL inside a transition: until the new screen is rendered, a click
 * runs the handlers of the screen before it. A handler that built its URL from that screen's
 * filters dropped the change the first click made — choose the post office, then at once the
 * "unpaid" tab, and the tab's URL had no organization any more (a browser test caught it). `latest()`
 * reads the search of the newest navigation this page asked for, until the router has caught up
 * (or moved elsewhere, by the back button), and the page's own `params` otherwise. `go(path)`
 * navigates and remembers the path's search as asked for; `forget()` drops what was asked for, for a
 * navigation that a blocker held back and the user chose to stay.
 */
export function useUrlParams<P>(read: (search: string) => P): { params: P; latest: () => P; go: (path: string) => void; forget: () => void } {
  const location = useLocation();
  const navigate = useNavigate();
  const asked = useRef<string[]>([]);
  const shown = useRef(location.search);
  useEffect(() => {
    // The router caught up with one of the asked-for URLs: those before it are done too. Any other
    // URL (back, a link) ends what was asked for.
    const at = asked.current.indexOf(location.search);
    asked.current = at < 0 ? [] : asked.current.slice(at + 1);
    shown.current = location.search;
  }, [location]);
  return {
    params: read(location.search),
    latest: () => read(asked.current.at(-1) ?? shown.current),
    go: (path: string) => {
      asked.current.push(searchOf(path));
      navigate(path);
    },
    forget: () => {
      asked.current = [];
    },
  };
}
