import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import type { PageState } from '../../components/pagination';

/** A list's filter and page: changing the filter goes back to page 1. */
export function useFilteredPage<F extends object>() {
  const [filter, setFilter] = useState<F>({} as F);
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const change = (next: Partial<F>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return { filter, page, setPage, change };
}

export const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
