import { useProgress, useServices } from './context.ts';
import type { ProgressSaveProblem } from './progress.ts';

const SAVE_PROBLEM: Record<ProgressSaveProblem, string> = {
  full: "Your progress could not be saved: this browser's storage for this site is full.",
  unavailable: 'Your progress could not be saved: this browser does not let this site store data (a privacy setting or a private window).',
};

/** Tells the learner, once each, that saved progress was reset or that progress cannot be saved. */
export function ProgressNotice() {
  const { progress } = useServices();
  const { resetReason, saveProblem } = useProgress();
  return (
    <>
      {resetReason && (
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
      )}
      {saveProblem && (
        <div className="notice" role="status" data-save-problem={saveProblem}>
          <p>
            {SAVE_PROBLEM[saveProblem]} Lessons you complete and checks you pass still count on this page, but they will
            be forgotten when you close or reload it.
          </p>
          <button type="button" className="button button-quiet" onClick={() => progress.dismissSaveNotice()}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
