import { useState } from 'react';

/** Which page of a server-paged list is shown; `page` counts from 1. */
export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * Paging of a server-paged list. Page 3 of one filter means nothing under another, so whenever `resetOn`
 * changes (compared by value) the list goes back to page 1, keeping the page size the reader chose.
 */
export function usePaging(pageSize: number, resetOn?: unknown): [Paging, (next: Paging) => void] {
  const key = JSON.stringify(resetOn ?? null);
  const [state, setState] = useState({ key, page: 1, pageSize });
  const stale = state.key !== key;
  // Adjusting state while rendering (React's pattern for "reset when a prop changes") spares a fetch of the old page.
  if (stale) setState({ key, page: 1, pageSize: state.pageSize });
  return [{ page: stale ? 1 : state.page, pageSize: state.pageSize }, (next) => setState({ key, ...next })];
}

/** A list's filters and its paging: `update` merges a change into the filters, which sends the list to page 1. */
export function useListFilters<F extends object>(initial: F | (() => F), pageSize: number) {
  const [filters, setFilters] = useState<F>(initial);
  const [paging, setPaging] = usePaging(pageSize, filters);
  const update = (patch: Partial<F>) => setFilters((f) => ({ ...f, ...patch }));
  return { filters, update, paging, setPaging };
}
