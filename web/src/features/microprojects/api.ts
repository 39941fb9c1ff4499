import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { Budget, Comment, Project, ProjectSummary, Proposal, ProposalInput, ProposalStatus, Round } from './types';

/** The micro-project API: one hook per call; every write refreshes the feature's queries. */
const all = ['microprojects'] as const;
const key = (...k: unknown[]) => [...all, ...k];

export function useMicroWrite<V, R = unknown>(run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => void qc.invalidateQueries({ queryKey: all }) });
}

type PageP = { page: number; pageSize: number };
export const useBudgets = (p: { year?: number; orgId?: number } & PageP) =>
  useQuery({ queryKey: key('budgets', p), queryFn: () => api.get<Paged<Budget>>('/micro-budgets', { ...p }), placeholderData: keepPreviousData });
export const useBudget = (id: number) => useQuery({ queryKey: key('budget', id), queryFn: () => api.get<Budget>(`/micro-budgets/${id}`), enabled: id > 0 });
export const exportBudgets = (p: { year?: number }) => download('/micro-budgets/export.xlsx', { ...p }, '微实事预算.xlsx');
export const createBudget = (b: { orgId: number; year: number; amountFen: number; note?: string }) => api.post<Budget>('/micro-budgets', b);
export const updateBudget = (id: number, b: { amountFen?: number; note?: string }) => api.patch<Budget>(`/micro-budgets/${id}`, b);

export type ProposalParams = { budgetId?: number; roundId?: number; status?: ProposalStatus; q?: string; mine?: boolean } & PageP;
export const useProposals = (p: ProposalParams) =>
  useQuery({ queryKey: key('proposals', p), queryFn: () => api.get<Paged<Proposal>>('/micro-proposals', { ...p }), placeholderData: keepPreviousData });
export const useProposal = (id: number) => useQuery({ queryKey: key('proposal', id), queryFn: () => api.get<Proposal>(`/micro-proposals/${id}`), enabled: id > 0 });
export const exportProposals = (p: Omit<ProposalParams, 'page' | 'pageSize'>) => download('/micro-proposals/export.xlsx', { ...p }, '微实事申报.xlsx');
export const createProposal = (b: ProposalInput & { budgetId: number; proposerName?: string }) => api.post<Proposal>('/micro-proposals', b);
export const updateProposal = (id: number, b: Partial<ProposalInput>) => api.patch<Proposal>(`/micro-proposals/${id}`, b);
export const reviewProposal = (id: number, b: { decision: 'approve' | 'reject' | 'changes'; note?: string }) => api.post<Proposal>(`/micro-proposals/${id}/review`, b);
export const photoUrl = (attachmentId: number) => `/api/v1/micro-photos/${attachmentId}`;

export const useRounds = (p: { budgetId?: number; status?: 'voting' | 'closed' } & PageP) =>
  useQuery({ queryKey: key('rounds', p), queryFn: () => api.get<Paged<Round>>('/micro-rounds', { ...p }), placeholderData: keepPreviousData });
export const useRound = (id: number) => useQuery({ queryKey: key('round', id), queryFn: () => api.get<Round>(`/micro-rounds/${id}`), enabled: id > 0 });
export const openRound = (b: { budgetId: number; title?: string; electorate?: 'households' | 'adults'; closesAt?: string | null }) => api.post<Round>('/micro-rounds', b);
export const closeRound = (id: number) => api.post<Round>(`/micro-rounds/${id}/close`, {});
export const exportResults = (id: number) => download(`/micro-rounds/${id}/results.xlsx`, undefined, '微实事投票结果.xlsx');

export const useProjects = (p: { budgetId?: number; status?: 'implementing' | 'completed'; q?: string } & PageP) =>
  useQuery({ queryKey: key('projects', p), queryFn: () => api.get<Paged<ProjectSummary>>('/micro-projects', { ...p }), placeholderData: keepPreviousData });
export const exportProjects = (p: { budgetId?: number; q?: string; status?: 'implementing' | 'completed' }) => download('/micro-projects/export.xlsx', { ...p }, '微实事项目.xlsx');
export const useProject = (id: number) => useQuery({ queryKey: key('project', id), queryFn: () => api.get<Project>(`/micro-projects/${id}`), enabled: id > 0 });
export const addMilestone = (id: number, b: { title: string; plannedOn: string; doneOn?: string | null; note?: string }) => api.post<Project>(`/micro-projects/${id}/milestones`, b);
export const updateMilestone = (id: number, b: { doneOn?: string | null; note?: string }) => api.patch<Project>(`/micro-milestones/${id}`, b);
export const addSpending = (id: number, b: { amountFen: number; spentOn: string; payee: string; note?: string }) => api.post<Project>(`/micro-projects/${id}/spending`, b);
export const addPhoto = (id: number, b: { attachmentId: number; caption?: string }) => api.post<Project>(`/micro-projects/${id}/photos`, b);
export const completeProject = (id: number, note?: string) => api.post<Project>(`/micro-projects/${id}/complete`, { note });
export const addComment = (id: number, body: string) => api.post<Project>(`/micro-projects/${id}/comments`, { body });
export const rateProject = (id: number, b: { score: number; comment?: string }) => api.post<Project>(`/micro-projects/${id}/rating`, b);
export const exportSpending = (p: { projectId?: number; budgetId?: number }) => download('/micro-spending/export.xlsx', { ...p }, '微实事资金使用.xlsx');

export const useComments = (p: { projectId?: number; unanswered?: boolean } & PageP) =>
  useQuery({ queryKey: key('comments', p), queryFn: () => api.get<Paged<Comment>>('/micro-comments', { ...p }), placeholderData: keepPreviousData });
export const replyComment = (id: number, reply: string) => api.post<Comment>(`/micro-comments/${id}/reply`, { reply });
