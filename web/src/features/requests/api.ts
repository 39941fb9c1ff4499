import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, download } from '../../lib/api';
import type {
  Category,
  DispatchTarget,
  ListFilter,
  ListParams,
  MapData,
  RequestAction,
  RequestDetail,
  RequestItem,
  RequestPage,
  SubmitInput,
} from './types';

export const reqKeys = {
  all: ['requests'] as const,
  lists: ['requests', 'list'] as const,
  list: (p: ListParams) => ['requests', 'list', p] as const,
  detail: (id: number) => ['requests', 'detail', id] as const,
  targets: (id: number) => ['requests', 'targets', id] as const,
  maps: ['requests', 'map'] as const,
  map: (orgId: number | undefined) => ['requests', 'map', orgId] as const,
  categories: (all: boolean) => ['requests', 'categories', all] as const,
};

/** The queries a change to any request may make stale (lists, counters, map). */
export function invalidateBoard(qc: QueryClient, id?: number) {
  void qc.invalidateQueries({ queryKey: reqKeys.lists });
  void qc.invalidateQueries({ queryKey: reqKeys.maps });
  if (id !== undefined) void qc.invalidateQueries({ queryKey: reqKeys.detail(id) });
}

/** 409: someone else acted first. */
export const isConflict = (err: unknown) => err instanceof ApiError && err.status === 409;
export const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;

/** The category catalogue; `all` includes inactive ones (for the editor). */
export function useCategories(all = false) {
  return useQuery({
    queryKey: reqKeys.categories(all),
    queryFn: () => api.get<{ items: Category[] }>('/request-categories', all ? { all: true } : undefined),
    staleTime: 5 * 60_000,
  });
}

export function useRequests(params: ListParams, enabled = true) {
  return useQuery({
    queryKey: reqKeys.list(params),
    queryFn: () => api.get<RequestPage>('/requests', { ...params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRequest(id: number) {
  return useQuery({
    queryKey: reqKeys.detail(id),
    queryFn: () => api.get<RequestDetail>(`/requests/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useDispatchTargets(id: number, enabled: boolean) {
  return useQuery({
    queryKey: reqKeys.targets(id),
    queryFn: () => api.get<{ items: DispatchTarget[] }>(`/requests/${id}/dispatch-targets`),
    enabled,
  });
}

export function useRequestMap(orgId: number | undefined) {
  return useQuery({
    queryKey: reqKeys.map(orgId),
    queryFn: () => api.get<MapData>('/requests/map', { orgId }),
    placeholderData: keepPreviousData,
  });
}

export const exportRequests = (f: ListFilter) => download('/requests/export.xlsx', { ...f }, 'requests.xlsx');

export const revealContact = (id: number, field: 'contactName' | 'contactPhone', reason: string) =>
  api.post<{ value: string }>(`/requests/${id}/reveal`, { field, reason }).then((r) => r.value);

/** POST /requests: 201 new, 200 when the clientKey was already used (the same request again). */
export function useSubmitRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitInput) => api.post<RequestItem>('/requests', input),
    onSuccess: () => invalidateBoard(qc),
  });
}

/** One workflow action; the answer is the new detail. On 409 the detail is fetched again. */
export function useRequestAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: RequestAction; body: object }) =>
      api.post<RequestDetail>(`/requests/${id}/${action}`, body),
    onSuccess: (detail) => {
      qc.setQueryData(reqKeys.detail(id), detail);
      invalidateBoard(qc);
      void qc.invalidateQueries({ queryKey: reqKeys.targets(id) });
    },
    onError: (err) => {
      if (isConflict(err)) invalidateBoard(qc, id);
    },
  });
}

/** 吹哨报到: a summoned department checks in, then reports. */
export function useSummonsAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ summonsId, action, report }: { summonsId: number; action: 'check-in' | 'report'; report?: string }) =>
      api.post<unknown>(`/request-summons/${summonsId}/${action}`, action === 'report' ? { report } : {}),
    onSettled: () => invalidateBoard(qc, id),
  });
}
