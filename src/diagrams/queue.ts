import { loadMermaid } from './load';
import { mermaidConfig, type DiagramTheme } from './theme';

/** What one render gives back: the SVG markup, or why it failed. */
export type RenderResult = { ok: true; svg: string } | { ok: false; message: string };

let tail: Promise<unknown> = Promise.resolve();
const CANCELLED: RenderResult = { ok: false, message: 'The render was cancelled.' };
let counter = 0;

/**
 * Renders diagrams strictly one after another: mermaid is a mutable singleton, so two renders
 * in flight would share (and clobber) its config and its scratch DOM.
 *
 * @example const result = await renderDiagram('sequenceDiagram\n A->>B: hi', 'dark');
 */
export function renderDiagram(code: string, theme: DiagramTheme, signal?: AbortSignal): Promise<RenderResult> {
  // A diagram that changed or left the page while waiting its turn is skipped, so scrubbing
  // through a trace does not pile up renders nobody will see.
  const job = tail.then(() => (signal?.aborted ? CANCELLED : renderNow(code, theme)));
  tail = job.catch(() => undefined);
  return job;
}

async function renderNow(code: string, theme: DiagramTheme): Promise<RenderResult> {
  counter += 1;
  const id = `cal-mermaid-${counter}`;
  try {
    const mermaid = await loadMermaid();
    // Another diagram may have set a different theme; the config must be re-applied every time.
    mermaid.initialize(mermaidConfig(theme));
    const { svg } = await mermaid.render(id, code);
    return { ok: true, svg };
  } catch (reason) {
    return { ok: false, message: describeError(reason) };
  } finally {
    // A failed render leaves its scratch container behind in <body>.
    if (typeof document !== 'undefined') document.getElementById(`d${id}`)?.remove();
  }
}

/** Validates diagram text without rendering (works in Node and jsdom). */
export async function parseDiagram(code: string): Promise<RenderResult> {
  const job = tail.then(async (): Promise<RenderResult> => {
    try {
      const mermaid = await loadMermaid();
      await mermaid.parse(code);
      return { ok: true, svg: '' };
    } catch (reason) {
      return { ok: false, message: describeError(reason) };
    }
  });
  tail = job.catch(() => undefined);
  return job;
}

function describeError(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (typeof reason === 'string') return reason;
  return 'The diagram could not be rendered.';
}
