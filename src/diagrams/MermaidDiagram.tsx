import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { renderDiagram, type RenderResult } from './queue';
import type { DiagramTheme } from './theme';
import { useDiagramTheme } from './use-diagram-theme';
import './diagrams.css';

export interface MermaidDiagramProps {
  /** Mermaid source text. */
  code: string;
  /** Accessible name of the figure; also shown as a caption when `caption` is true. */
  title?: string;
  caption?: boolean;
  /** Height reserved while loading, in px; defaults to an estimate from the source. */
  reserveHeight?: number;
  /** Overrides the theme otherwise read from `data-theme` / the OS. */
  theme?: DiagramTheme;
  className?: string;
}

/** A rough height for a diagram from its source, so the placeholder takes about the final space. */
export function estimateDiagramHeight(code: string): number {
  const lines = code.split('\n').filter((line) => line.trim() !== '').length;
  const perLine = /^\s*sequenceDiagram/m.test(code) ? 44 : 36;
  return Math.min(900, Math.max(160, 80 + (lines - 1) * perLine));
}

/**
 * Renders mermaid text lazily: nothing is loaded until the figure is near the viewport, and a
 * placeholder of the reserved height holds the space meanwhile so the page does not jump.
 */
export function MermaidDiagram({ code, title, caption = false, reserveHeight, theme: forcedTheme, className }: MermaidDiagramProps) {
  const figureRef = useRef<HTMLElement>(null);
  const theme = useDiagramTheme(figureRef, forcedTheme);
  const visible = useNearViewport(figureRef);
  const [result, setResult] = useState<{ key: string; value: RenderResult } | null>(null);
  const key = `${theme}\u0000${code}`;

  useEffect(() => {
    if (!visible) return;
    const controller = new AbortController();
    renderDiagram(code, theme, controller.signal).then((value) => {
      if (!controller.signal.aborted) setResult({ key, value });
    });
    return () => controller.abort();
  }, [visible, code, theme, key]);

  const height = reserveHeight ?? estimateDiagramHeight(code);
  const style = { '--cal-diagram-reserve': `${height}px` } as CSSProperties;
  // Keep showing the previous render while a re-themed one is on its way, rather than flashing.
  const shown = result?.value;
  const loading = !result || result.key !== key;

  return (
    <figure
      ref={figureRef}
      className={['cal-diagram', className].filter(Boolean).join(' ')}
      style={style}
      aria-label={title}
      aria-busy={loading}
    >
      {shown?.ok ? (
        <div className="cal-diagram__svg" role="img" aria-label={title ?? 'Diagram'} dangerouslySetInnerHTML={{ __html: shown.svg }} />
      ) : shown && !shown.ok ? (
        <div className="cal-diagram__error" role="alert">
          <p>
            <strong>This diagram could not be drawn.</strong> {shown.message}
          </p>
          <pre>
            <code>{code}</code>
          </pre>
        </div>
      ) : (
        <div className="cal-diagram__placeholder" data-testid="diagram-placeholder">
          <span>Loading diagram…</span>
        </div>
      )}
      {caption && title ? <figcaption>{title}</figcaption> : null}
    </figure>
  );
}

/** True once the element has come within a screen of the viewport (immediately where IntersectionObserver is missing). */
function useNearViewport(ref: React.RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver !== 'function') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}
