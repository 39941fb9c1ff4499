import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type {
  Coverage,
  CreateMeetingInput,
  CreatePostInput,
  GridPost,
  GridStaffing,
  HolderFields,
  Meeting,
  OrgOption,
  RecordParams,
  UserOption,
  Visit,
  VisitParams,
  WorkLog,
} from './types';

export const gwKeys = {
  all: ['gridwork'] as const,
  posts: (orgId: number | undefined, page: number, pageSize: number) => [...gwKeys.all, 'posts', orgId, page, pageSize] as const,
  coverage: (orgId: number | undefined, month: string) => [...gwKeys.all, 'coverage', orgId, month] as const,
  visits: (p: VisitParams) => [...gwKeys.all, 'visits', p] as const,
  logs: (p: RecordParams) => [...gwKeys.all, 'logs', p] as const,
  meetings: (p: RecordParams) => [...gwKeys.all, 'meetings', p] as const,
};

export function useGridPosts(orgId: number | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: gwKeys.posts(orgId, page, pageSize),
    queryFn: () => api.get<Paged<GridStaffing>>('/grid-posts', { orgId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(orgId: number | undefined, month: string) {
  return useQuery({
    queryKey: gwKeys.coverage(orgId, month),
    queryFn: () => api.get<Coverage>('/coverage', { orgId, month }),
    placeholderData: keepPreviousData,
  });
}

export function useVisits(params: VisitParams) {
  return useQuery({
    queryKey: gwKeys.visits(params),
    queryFn: () => api.get<Paged<Visit>>('/visits', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useWorkLogs(params: RecordParams) {
  return useQuery({
    queryKey: gwKeys.logs(params),
    queryFn: () => api.get<Paged<WorkLog>>('/work-logs', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useMeetings(params: RecordParams) {
  return useQuery({
    queryKey: gwKeys.meetings(params),
    queryFn: () => api.get<Paged<Meeting>>('/grid-meetings', { ...params }),
    placeholderData: keepPreviousData,
  });
}

/** Excel exports with the current filters (the paging of the list is left out). */
type Filters<T> = Omit<T, 'page' | 'pageSize'>;
export const exportVisits = (f: Filters<VisitParams>) => download('/visits/export.xlsx', { ...f }, 'visits.xlsx');
export const exportWorkLogs = (f: Filters<RecordParams>) => download('/work-logs/export.xlsx', { ...f }, 'work-logs.xlsx');
export const exportMeetings = (f: Omit<Filters<RecordParams>, 'authorId'>) => download('/grid-meetings/export.xlsx', { ...f }, 'grid-meetings.xlsx');
export const exportCoverage = (orgId: number | undefined, month: string) => download('/coverage/export.xlsx', { orgId, month }, 'coverage.xlsx');

function useGwMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: gwKeys.all }) });
}

export const useCreatePost = () => useGwMutation((input: CreatePostInput) => api.post<GridPost>('/grid-posts', input));
export const useUpdatePost = () =>
  useGwMutation(({ id, input }: { id: number; input: HolderFields }) => api.patch<GridPost>(`/grid-posts/${id}`, input));
export const useDeletePost = () => useGwMutation((id: number) => api.delete(`/grid-posts/${id}`));
export const useSetFollowUp = () =>
  useGwMutation(({ id, followUpDone, followUpNote }: { id: number; followUpDone: boolean; followUpNote?: string | null }) =>
    api.patch<Visit>(`/visits/${id}`, followUpNote === undefined ? { followUpDone } : { followUpDone, followUpNote }),
  );
export const useCreateLog = () =>
  useGwMutation((input: { logDate?: string; content: string }) => api.post<WorkLog>('/work-logs', input));
export const useCreateMeeting = () => useGwMutation((input: CreateMeetingInput) => api.post<Meeting>('/grid-meetings', input));

/** Org picker search (GET /orgs answers only orgs within the user's scope). */
export function useOrgSearch(q: string, level?: string) {
  return useQuery({
    queryKey: ['gridwork-orgs', q, level],
    queryFn: () => api.get<Paged<OrgOption>>('/orgs', { q, level, page: 1, pageSize: 20 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Staff accounts of an org for the A/B holder pickers (needs user.read). */
export function useUserSearch(q: string, orgId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['gridwork-users', q, orgId],
    queryFn: () => api.get<Paged<UserOption>>('/users', { q, orgId, page: 1, pageSize: 20 }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
