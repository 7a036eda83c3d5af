import lessons from 'virtual:lessons';
import { ErrorBoundary } from '../lessons/ErrorBoundary.tsx';
import { Shell } from './Shell.tsx';

/** The tutorial with the lessons compiled from `content/` at build time. */
export function App() {
  return (
    <ErrorBoundary what="the tutorial">
      <Shell lessons={lessons} />
    </ErrorBoundary>
  );
}
