import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { Category, CategoryInput, RouteRule } from './types';
import type { ApiKey, CreatedApiKey, NotificationPage, Stats, StatsQuery } from './types-admin';

export const adminKeys = {
  routes: (p: object) => ['request-routes', p] as const,
  stats: (q: StatsQuery) => ['request-stats', q] as const,
  keys: (p: object) => ['open311-keys', p] as const,
  notifications: ['notifications'] as const,
};

// ── Figures (响应率 / 解决率 / 满意率) ──
export function useStats(q: StatsQuery) {
  return useQuery({
    queryKey: adminKeys.stats(q),
    queryFn: () => api.get<Stats>('/request-stats', { ...q }),
    placeholderData: keepPreviousData,
  });
}
export const exportStats = (q: StatsQuery) => download('/request-stats/export.xlsx', { ...q }, 'request-stats.xlsx');

// ── Categories ──
function useCategoryMutation<TVars>(fn: (vars: TVars) => Promise<Category>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['requests', 'categories'] }),
  });
}
export const useCreateCategory = () => useCategoryMutation((input: CategoryInput) => api.post<Category>('/request-categories', input));
export const useUpdateCategory = () =>
  useCategoryMutation(({ id, input }: { id: number; input: CategoryInput }) => api.patch<Category>(`/request-categories/${id}`, input));

// ── Routing rules ──
export interface RouteParams {
  orgId?: number;
  categoryId?: number;
  page: number;
  pageSize: number;
}
export function useRoutes(p: RouteParams) {
  return useQuery({
    queryKey: adminKeys.routes(p),
    queryFn: () => api.get<Paged<RouteRule>>('/request-routes', { ...p }),
    placeholderData: keepPreviousData,
  });
}
function useRouteMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['request-routes'] }) });
}
export const useCreateRoute = () =>
  useRouteMutation((input: { orgId: number; categoryId: number; handlerOrgId: number }) => api.post<RouteRule>('/request-routes', input));
export const useDeleteRoute = () => useRouteMutation((id: number) => api.delete(`/request-routes/${id}`));

// ── Open311 API keys ──
export function useApiKeys(page: number, pageSize: number) {
  return useQuery({
    queryKey: adminKeys.keys({ page, pageSize }),
    queryFn: () => api.get<Paged<ApiKey>>('/open311-keys', { page, pageSize }),
    placeholderData: keepPreviousData,
  });
}
function useKeyMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['open311-keys'] }) });
}
export const useCreateApiKey = () =>
  useKeyMutation((input: { orgId: number; name: string }) => api.post<CreatedApiKey>('/open311-keys', input));
export const useRevokeApiKey = () => useKeyMutation((id: number) => api.delete(`/open311-keys/${id}`));

// ── Notifications ──
export function useNotifications(page: number, enabled = true) {
  return useQuery({
    queryKey: [...adminKeys.notifications, page] as const,
    queryFn: () => api.get<NotificationPage>('/notifications', { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}
function useNotificationMutation<TVars>(fn: (vars: TVars) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.notifications }) });
}
export const useMarkRead = () => useNotificationMutation((id: number) => api.post(`/notifications/${id}/read`, {}));
export const useMarkAllRead = () => useNotificationMutation((_: void) => api.post('/notifications/read-all', {}));
