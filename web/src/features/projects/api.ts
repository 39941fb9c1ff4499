import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { Fund, FundInput, Project, ProjectFilter, ProjectInput, ProjectSummary, Tranche } from './types';

/** The projects API: one hook per read; writes answer the fund or the project and refresh the feature. */
export const projKeys = {
  all: ['projects'] as const,
  funds: (p: object) => ['projects', 'funds', p] as const,
  list: (p: object) => ['projects', 'list', p] as const,
  one: (id: number) => ['projects', 'one', id] as const,
  tranches: (p: object) => ['projects', 'tranches', p] as const,
};

export function useProjectWrite<V, R = unknown>(run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => void qc.invalidateQueries({ queryKey: projKeys.all }) });
}

export type FundParams = { q?: string; year?: number; page: number; pageSize: number };
export const useFunds = (p: FundParams) => useQuery({ queryKey: projKeys.funds(p), queryFn: () => api.get<Paged<Fund>>('/project-funds', { ...p }), placeholderData: keepPreviousData });
export const exportFunds = (p: { q?: string; year?: number }) => download('/project-funds/export.xlsx', { ...p }, '项目资金.xlsx');
export const createFund = (b: FundInput) => api.post<Fund>('/project-funds', b);
export const updateFund = (id: number, b: { name?: string; amount?: number }) => api.patch<Fund>(`/project-funds/${id}`, b);
export const addLine = (fundId: number, b: { name: string; amount: number }) => api.post<Fund>(`/project-funds/${fundId}/lines`, b);
export const updateLine = (id: number, b: { name?: string; amount?: number }) => api.patch<Fund>(`/budget-lines/${id}`, b);

export type ProjectParams = ProjectFilter & { page: number; pageSize: number };
export const useProjects = (p: ProjectParams) => useQuery({ queryKey: projKeys.list(p), queryFn: () => api.get<Paged<ProjectSummary>>('/projects', { ...p }), placeholderData: keepPreviousData });
export const exportProjects = (p: ProjectFilter) => download('/projects/export.xlsx', { q: p.q, status: p.status, kind: p.kind }, '项目.xlsx');
export const useProject = (id: number) => useQuery({ queryKey: projKeys.one(id), queryFn: () => api.get<Project>(`/projects/${id}`), enabled: id > 0 });
export const createProject = (b: ProjectInput) => api.post<Project>('/projects', b);
export const updateProject = (id: number, b: Partial<ProjectInput>) => api.patch<Project>(`/projects/${id}`, b);

/** A project step: POST /projects/:id/<step> (or /bids|milestones|tranches|supervision/:id/<step>) with its body. */
export const step = (path: string, body: object = {}) => api.post<Project>(path, body);

export type TrancheParams = { status?: Tranche['status']; projectId?: number; page: number; pageSize: number };
export const useTranches = (p: TrancheParams) => useQuery({ queryKey: projKeys.tranches(p), queryFn: () => api.get<Paged<Tranche>>('/tranches', { ...p }), placeholderData: keepPreviousData });
export const exportTranches = (p: { status?: string; projectId?: number }) => download('/tranches/export.xlsx', { ...p }, '拨付批次.xlsx');

/** Active social organizations for the award picker (the socialorgs module's list). */
export const searchSocialOrgs = (q: string) => api.get<Paged<{ id: number; name: string; orgName: string; status: string }>>('/social-orgs', { q: q || undefined, status: 'active', page: 1, pageSize: 20 });
