'use client';

import { createContext, type ReactNode, useContext, useState } from 'react';
import type { FleetSort, SortKey } from './container-sort';

// One sort for every host's table on the fleet page: sorting by queue-full events sorts them all.
const SortContext = createContext<{ sort: FleetSort | null; toggle: (key: SortKey) => void }>({
  sort: null,
  toggle: () => undefined,
});

/** First click: the order an operator looks for first (names A–Z, worst health and most events on top). */
const FIRST_ASC: readonly SortKey[] = ['name', 'ort', 'state'];

export function FleetSortProvider({ children }: { children: ReactNode }) {
  const [sort, setSort] = useState<FleetSort | null>(null);
  const toggle = (key: SortKey) =>
    setSort((s) =>
      s?.key === key
        ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: FIRST_ASC.includes(key) ? 'asc' : 'desc' },
    );
  return <SortContext.Provider value={{ sort, toggle }}>{children}</SortContext.Provider>;
}

export const useFleetSort = () => useContext(SortContext);

/** A column header that sorts by its column; says its order to screen readers (aria-sort). */
export function SortHeader({
  sortKey,
  className,
  title,
  children,
}: {
  sortKey: SortKey;
  className: string;
  title?: string;
  children: ReactNode;
}) {
  const { sort, toggle } = useFleetSort();
  const dir = sort?.key === sortKey ? sort.dir : null;
  return (
    <th
      className={className}
      title={title}
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
    >
      <button
        type="button"
        onClick={() => toggle(sortKey)}
        className="inline-flex items-center gap-0.5 font-medium hover:text-slate-900"
        data-testid={`sort-${sortKey}`}
      >
        {children}
        <span aria-hidden className="text-slate-400">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
