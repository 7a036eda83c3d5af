import lessons from 'virtual:lessons';
import { Shell } from './Shell.tsx';

/** The tutorial with the lessons compiled from `content/` at build time. */
export function App() {
  return <Shell lessons={lessons} />;
}
