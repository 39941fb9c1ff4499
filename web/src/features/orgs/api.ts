import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { CreateOrgInput, Org, OrgSearchParams, UpdateOrgInput } from './types';

export const orgKeys = {
  all: ['orgs'] as const,
  roots: () => [...orgKeys.all, 'roots'] as const,
  detail: (id: number) => [...orgKeys.all, 'detail', id] as const,
  ancestors: (id: number) => [...orgKeys.all, 'ancestors', id] as const,
  children: (id: number, page: number, pageSize: number) => [...orgKeys.all, 'children', id, page, pageSize] as const,
  search: (params: OrgSearchParams) => [...orgKeys.all, 'search', params] as const,
};

export const fetchRoots = () => api.get<{ items: Org[] }>('/orgs/roots');
export const fetchOrg = (id: number) => api.get<Org>(`/orgs/${id}`);
export const fetchAncestors = (id: number) => api.get<{ items: Org[] }>(`/orgs/${id}/ancestors`);
export const fetchChildren = (id: number, page = 1, pageSize = 50) =>
  api.get<Paged<Org>>(`/orgs/${id}/children`, { page, pageSize });
export const searchOrgs = (params: OrgSearchParams) =>
  api.get<Paged<Org>>('/orgs', { q: params.q, level: params.level, page: params.page, pageSize: params.pageSize });
export const exportOrgs = (params: Pick<OrgSearchParams, 'q' | 'level'>) =>
  download('/orgs/export.xlsx', { q: params.q, level: params.level }, 'orgs.xlsx');

export function useRoots() {
  return useQuery({ queryKey: orgKeys.roots(), queryFn: fetchRoots });
}

export function useOrg(id: number) {
  return useQuery({ queryKey: orgKeys.detail(id), queryFn: () => fetchOrg(id), enabled: Number.isFinite(id) });
}

export function useAncestors(id: number) {
  return useQuery({ queryKey: orgKeys.ancestors(id), queryFn: () => fetchAncestors(id), enabled: Number.isFinite(id) });
}

export function useChildren(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: orgKeys.children(id, page, pageSize),
    queryFn: () => fetchChildren(id, page, pageSize),
    enabled: Number.isFinite(id),
    placeholderData: (prev) => prev,
  });
}

export function useOrgSearch(params: OrgSearchParams, enabled = true) {
  return useQuery({
    queryKey: orgKeys.search(params),
    queryFn: () => searchOrgs(params),
    enabled,
    placeholderData: (prev) => prev,
  });
}

export function useCreateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrgInput) => api.post<Org>('/orgs', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useUpdateOrg(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateOrgInput) => api.patch<Org>(`/orgs/${id}`, input),
    onSuccess: (org) => {
      qc.setQueryData(orgKeys.detail(id), org);
      return qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}

export function useDeleteOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/orgs/${id}`),
    // Mark everything stale without refetching now: the deleted org's own queries are still
    // observed until the page navigates away, and refetching them would only yield 404s.
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all, refetchType: 'none' }),
  });
}

export function useOrgStats(id: number) {
  return useQuery({
    queryKey: [...orgKeys.all, 'stats', id] as const,
    queryFn: () => api.get<Partial<Record<string, number>>>(`/orgs/${id}/stats`),
  });
}

export interface ImportResult {
  target: string;
  created: Record<string, number>;
  total: number;
  ms: number;
}

export function useImportDivision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<ImportResult>('/orgs/import-division', { code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
