/**
 * The table the database panel and the local caches share: one row per key, named in its first
 * cell, a stale row marked, and a copy's version said as "v1 fresh" or "v1 stale".
 */
import type { ReactNode } from 'react';
import './stores.css';

export function RowsTable({ caption, columns, children }: { caption: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <table className="cal-db-rows">
      <caption className="cal-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A row: its name as the row header, then its cells. `data` names it for tests and styles (`data-row`, `data-key`). */
export function RowsTableRow({ name, stale, data, children }: { name: ReactNode; stale: boolean; data: Record<`data-${string}`, string>; children: ReactNode }) {
  return (
    <tr {...data} className={stale ? 'is-stale' : undefined}>
      <th scope="row">
        <code>{name}</code>
      </th>
      {children}
    </tr>
  );
}

/** A cached copy's version against its row: "v2 fresh", "v1 stale", with what the row holds when `row` is given ("v1 stale (db v2)"). */
export function CopyVersion({ version, stale, row }: { version: number; stale: boolean; row?: number }) {
  return stale ? <span className="cal-stale">v{version} stale{row !== undefined ? ` (db v${row})` : ''}</span> : <span className="cal-fresh">v{version} fresh</span>;
}
