import { useEffect } from 'react';
import { SITE_NAME } from './Landing.tsx';

/** Any route we do not know: say so kindly and offer the way home. */
export function NotFound({ what = 'page' }: { what?: string }) {
  useEffect(() => {
    document.title = `Not found · ${SITE_NAME}`;
  }, []);
  return (
    <div className="not-found">
      <p className="eyebrow">404</p>
      <h1 tabIndex={-1}>We could not find that {what}</h1>
      <p className="lead">The link may be old, or mistyped. Every lesson is listed on the home page.</p>
      <a className="button button-primary" href="#/">
        Go to the home page
      </a>
    </div>
  );
}
