import { useLayoutEffect, useRef, type RefObject } from 'react';
import { continuousSince, useLabStoreApi, type LabState } from '../../store/index.ts';
import { followTheme } from '../../diagrams/theme-in-force.ts';
import type { FlowLayout } from './flowGeometry.ts';
import { FlowPainter, readColours, type FlowFrame } from './flowPainter.ts';

const frameOf = (state: LabState): FlowFrame => ({ trace: state.trace, index: state.cursor.index, time: state.cursor.time, selected: state.selectedRequest, speed: state.playback.speed, since: continuousSince(state.cursor) });

/**
 * The travelling dots: one decorative canvas redrawn straight from the store on every cursor move
 * (the player's animation frame), never through React. The SVG above it and the narration carry
 * the meaning, so the canvas is hidden from assistive technology.
 */
export function FlowDots({ layout, counted }: { layout: FlowLayout; counted: RefObject<ReadonlySet<string>> }) {
  const store = useLabStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<FlowPainter | null>(null);

  useLayoutEffect(() => {
    const canvas = canvasRef.current!;
    const painter = new FlowPainter(canvas, () => counted.current ?? new Set());
    painterRef.current = painter;
    painter.setLayout(layout);
    painter.update(frameOf(store.getState()));
    const unsubscribe = store.subscribe((state) => painter.update(frameOf(state)));
    const stopTheme = followTheme(canvas, () => painter.setColours(readColours(canvas)));
    let resize: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      // The size comes from the observer, so no frame ever measures the page.
      resize = new ResizeObserver(([entry]) => {
        if (entry) painter.resize(entry.contentRect.width, entry.contentRect.height, window.devicePixelRatio || 1);
      });
      resize.observe(canvas);
    }
    return () => {
      unsubscribe();
      stopTheme();
      resize?.disconnect();
      painterRef.current = null;
    };
    // The layout is handed over by the effect below; the painter lives as long as the store.
  }, [store, counted]);

  useLayoutEffect(() => {
    painterRef.current?.setLayout(layout);
  }, [layout]);

  return <canvas ref={canvasRef} className="cal-dots cal-flow-dots" aria-hidden="true" />;
}
