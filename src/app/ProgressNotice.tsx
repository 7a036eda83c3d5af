import { useProgress, useServices } from './context.ts';

/** Tells the learner, once, that saved progress could not be read and was reset. */
export function ProgressNotice() {
  const { progress } = useServices();
  const { resetReason } = useProgress();
  if (!resetReason) return null;
  return (
    <div className="notice" role="status">
      <p>
        {resetReason === 'outdated'
          ? 'Your saved progress came from an older version of the tutorial, so it was reset.'
          : 'Your saved progress could not be read, so it was reset.'}{' '}
        You can mark lessons complete again as you go.
      </p>
      <button type="button" className="button button-quiet" onClick={() => progress.dismissNotice()}>
        Dismiss
      </button>
    </div>
  );
}
