import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged, type Query } from '../../lib/api';
import type { PageState } from '../../components/pagination';
import type { Campaign, MyScoringItem, Rectification, Results, SamplePage, Sheet, Survey, Tree, TreeListItem, TreeTotals } from './types';

/** Calls of the evaluations API; every change refreshes the evaluations queries. */
export const evalKeys = { all: ['evaluations'] as const };
const clean = (f: Query) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as Query;

function usePagedQuery<T>(path: string, filter: Query, page: PageState, enabled = true) {
  return useQuery({
    queryKey: [...evalKeys.all, path, clean(filter), page],
    queryFn: () => api.get<Paged<T>>(path, { ...clean(filter), page: page.page, pageSize: page.pageSize }),
    placeholderData: keepPreviousData, enabled,
  });
}
export const useCampaigns = (f: Query, p: PageState) => usePagedQuery<Campaign>('/eval-campaigns', f, p);
export const useRectifications = (f: Query, p: PageState) => usePagedQuery<Rectification>('/eval-rectifications', f, p);
export const useTrees = (f: Query, p: PageState) => usePagedQuery<TreeListItem>('/indicator-trees', f, p);
export const usePublished = (p: PageState) => usePagedQuery<Campaign>('/eval-published', {}, p);

const one = <T,>(key: string, path: string | null, query?: Query) => ({
  queryKey: [...evalKeys.all, key, path, query ?? {}], queryFn: () => api.get<T>(path!, query), enabled: path !== null,
});
export const useCampaign = (id: number) => useQuery(one<Campaign>('campaign', `/eval-campaigns/${id}`));
export const useResults = (id: number, enabled: boolean) => useQuery(one<Results>('results', enabled ? `/eval-campaigns/${id}/results` : null));
export const usePublishedResults = (id: number | null) => useQuery(one<Results>('published', id ? `/eval-published/${id}` : null));
export const useSample = (id: number, f: Query, p: PageState) => useQuery({
  queryKey: [...evalKeys.all, 'sample', id, clean(f), p], queryFn: () => api.get<SamplePage>(`/eval-campaigns/${id}/sample`, { ...clean(f), page: p.page, pageSize: p.pageSize }), placeholderData: keepPreviousData,
});
export const useMyScoring = () => useQuery(one<{ items: MyScoringItem[] }>('scoring', '/eval-scoring'));
export const useSheet = (campaignId: number | null, raterId: number | null) =>
  useQuery(one<Sheet>('sheet', campaignId && raterId ? `/eval-campaigns/${campaignId}/sheet` : null, raterId ? { raterId } : undefined));
export const useMySurveys = () => useQuery(one<{ items: Survey[] }>('surveys', '/eval-surveys/mine'));
export const usePublicSurvey = (token: string) => useQuery({ queryKey: [...evalKeys.all, 'public', token], queryFn: () => api.get<Survey>(`/public/eval-surveys/${token}`), retry: false });
export const useRectification = (id: number | null) => useQuery(one<Rectification>('rect', id ? `/eval-rectifications/${id}` : null));
export const useTree = (id: number | null) => useQuery(one<Tree>('tree', id ? `/indicator-trees/${id}` : null));
export const useTreeSheet = (id: number | null, enabled: boolean) => useQuery(one<{ tree: Tree; mine: Record<string, Record<string, number>> }>('treeSheet', id && enabled ? `/indicator-trees/${id}/sheet` : null));
export const useTreeTotals = (id: number | null, enabled: boolean) => useQuery(one<TreeTotals>('treeTotals', id && enabled ? `/indicator-trees/${id}/totals` : null));

/** A write that refreshes every evaluations query when it succeeds. */
export function useWrite<V, R = unknown>(method: 'post' | 'patch' | 'delete', path: (v: V) => string, body: (v: V) => unknown = (v) => v) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => (method === 'post' ? api.post<R>(path(v), body(v)) : method === 'patch' ? api.patch<R>(path(v), body(v)) : api.delete<R>(path(v))),
    onSuccess: () => qc.invalidateQueries({ queryKey: evalKeys.all }),
  });
}

export const exportFile = (path: string, query: Query, name: string) => download(path, clean(query), name);
