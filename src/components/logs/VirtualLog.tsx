import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './logs.css';

export interface VirtualLogProps<Row> {
  /** Every row, in trace order; only the first `count` have happened. */
  rows: readonly Row[];
  count: number;
  /** Accessible name of the list. */
  label: string;
  rowHeight?: number;
  /** Visible height in px. */
  height?: number;
  renderRow: (row: Row, index: number) => ReactNode;
  /** Text read for a row (its accessible name). */
  describeRow: (row: Row, index: number) => string;
  onSelect?: (row: Row, index: number) => void;
  empty?: string;
}

const OVERSCAN = 8;

/**
 * A windowed listbox: only the rows in view (plus a few) are in the DOM, so 100,000 rows scroll
 * and scrub smoothly. The last row that has happened is the selected one and stays in view;
 * ↑/↓/Home/End/PageUp/PageDown move a focus ring and Enter selects.
 */
export function VirtualLog<Row>({
  rows,
  count,
  label,
  rowHeight = 24,
  height = 288,
  renderRow,
  describeRow,
  onSelect,
  empty = 'Nothing yet.',
}: VirtualLogProps<Row>) {
  const baseId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState<number | null>(null);
  const current = count - 1;
  const focusIndex = active !== null && active < count ? active : current;

  const keepInView = (index: number) => {
    const scroller = scrollerRef.current;
    if (!scroller || index < 0) return;
    const top = index * rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + height) scroller.scrollTop = top + rowHeight - height;
    setScrollTop(scroller.scrollTop);
  };

  // Follow the cursor as it moves; the learner's own ↑/↓ position is dropped when it does.
  useLayoutEffect(() => {
    setActive(null);
    keepInView(current);
  }, [current]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rowId = (index: number) => `${baseId}-row-${index}`;

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    setActive(clamped);
    keepInView(clamped);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      PageDown: focusIndex + page,
      PageUp: focusIndex - page,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      if (count > 0) move(moves[event.key]!);
    } else if ((event.key === 'Enter' || event.key === ' ') && focusIndex >= 0 && count > 0) {
      event.preventDefault();
      onSelect?.(rows[focusIndex]!, focusIndex);
    }
  };

  const items: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    const row = rows[index]!;
    items.push(
      <div
        key={index}
        id={rowId(index)}
        role="option"
        aria-selected={index === current}
        aria-setsize={count}
        aria-posinset={index + 1}
        aria-label={describeRow(row, index)}
        className={[
          'cal-log__row',
          index === current ? 'cal-log__row--current' : '',
          index === focusIndex && active !== null ? 'cal-log__row--focus' : '',
        ].join(' ')}
        style={{ top: index * rowHeight, height: rowHeight }}
        onClick={() => {
          setActive(index);
          onSelect?.(row, index);
        }}
      >
        {renderRow(row, index)}
      </div>,
    );
  }

  return (
    <div
      ref={scrollerRef}
      className="cal-log"
      role="listbox"
      aria-label={label}
      aria-activedescendant={count > 0 && focusIndex >= 0 ? rowId(focusIndex) : undefined}
      tabIndex={0}
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      {count === 0 ? <p className="cal-log__empty">{empty}</p> : null}
      <div className="cal-log__spacer" style={{ height: count * rowHeight }}>
        {items}
      </div>
    </div>
  );
}
