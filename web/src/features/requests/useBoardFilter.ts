import { useSearchParams } from 'react-router-dom';
import type { PageState } from '../../components/pagination';
import { KINDS, STATUSES, VIEWS, type Kind, type ListFilter, type Status, type View } from './types';

const TEXT_KEYS = ['q', 'from', 'to'] as const;
const ID_KEYS = ['categoryId', 'orgId', 'handlerOrgId'] as const;
const PAGE_SIZES = [10, 20, 50, 100];

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The board's filters and page, kept in the address so going back from a request restores them. */
export function useBoardFilter() {
  const [params, setParams] = useSearchParams();
  const filter: ListFilter = {
    view: oneOf<View>(VIEWS, params.get('view')) ?? 'open',
    status: oneOf<Status>(STATUSES, params.get('status')),
    kind: oneOf<Kind>(KINDS, params.get('kind')),
  };
  for (const k of ID_KEYS) filter[k] = positive(params.get(k));
  for (const k of TEXT_KEYS) filter[k] = params.get(k) || undefined;
  const size = positive(params.get('pageSize'));
  const page: PageState = { page: positive(params.get('page')) ?? 1, pageSize: size && PAGE_SIZES.includes(size) ? size : 20 };

  const write = (f: ListFilter, p: PageState) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') next.set(k, String(v));
    if (p.page > 1) next.set('page', String(p.page));
    if (p.pageSize !== 20) next.set('pageSize', String(p.pageSize));
    setParams(next, { replace: true });
  };
  return {
    filter,
    page,
    /** A new filter starts again at page 1. */
    setFilter: (f: ListFilter) => write(f, { ...page, page: 1 }),
    setPage: (p: PageState) => write(filter, p),
  };
}
