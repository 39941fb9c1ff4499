import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Paged } from '../../lib/api';
import type { CreateVisitInput, Household, Visit, WorkLog } from './types';

export const wmKeys = {
  all: ['worker-mobile'] as const,
};

/** My visits, or (followUp 'open') every visit in my scope still waiting for its follow-up. */
export function useMyVisits(visitorId: number | undefined, followUp: 'open' | undefined, page: number) {
  return useQuery({
    queryKey: [...wmKeys.all, 'visits', visitorId, followUp ?? '', page] as const,
    queryFn: () => api.get<Paged<Visit>>('/visits', { visitorId, followUp, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

/** Open follow-ups in the worker's scope (count only). */
export function useOpenFollowUps() {
  return useQuery({
    queryKey: [...wmKeys.all, 'open-count'] as const,
    queryFn: () => api.get<Paged<Visit>>('/visits', { followUp: 'open', page: 1, pageSize: 1 }),
  });
}

export function useHouseholds(q: string, page: number, pageSize = 20) {
  return useQuery({
    queryKey: [...wmKeys.all, 'households', q, page, pageSize] as const,
    queryFn: () => api.get<Paged<Household>>('/households', { q, status: 'active', page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: number | undefined) {
  return useQuery({
    queryKey: [...wmKeys.all, 'household', id] as const,
    queryFn: () => api.get<Household>(`/households/${id}`),
    enabled: id !== undefined,
  });
}

export function useMyLogs(authorId: number, page: number) {
  return useQuery({
    queryKey: [...wmKeys.all, 'logs', authorId, page] as const,
    queryFn: () => api.get<Paged<WorkLog>>('/work-logs', { authorId, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

function useWmMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: wmKeys.all });
      await qc.invalidateQueries({ queryKey: ['gridwork'] });
    },
  });
}

export const useCreateVisit = () => useWmMutation((input: CreateVisitInput) => api.post<Visit>('/visits', input));
export const useCreateLog = () =>
  useWmMutation((input: { logDate?: string; content: string }) => api.post<WorkLog>('/work-logs', input));
export const useSetFollowUp = () =>
  useWmMutation(({ id, followUpDone }: { id: number; followUpDone: boolean }) => api.patch<Visit>(`/visits/${id}`, { followUpDone }));
