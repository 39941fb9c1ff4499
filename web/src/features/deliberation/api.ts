import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { PageState } from '../../components/pagination';
import { useSession } from '../auth/session';
import type { BodyDetail, ConsultationDetail, Filter, Form, MeetingDetail, TopicDetail } from './types';

/** Calls of the deliberation API; every change refreshes the deliberation queries. */
export const delibKeys = { all: ['deliberation'] as const };

const clean = (f: Filter) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as Filter;

export function usePaged<T>(path: string, filter: Filter, page: PageState, enabled = true) {
  return useQuery({
    queryKey: [...delibKeys.all, path, clean(filter), page],
    queryFn: () => api.get<Paged<T>>(path, { ...clean(filter), page: page.page, pageSize: page.pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useOne<T>(path: string | null) {
  return useQuery({ queryKey: [...delibKeys.all, path], queryFn: () => api.get<T>(path!), enabled: path !== null });
}
export const useTopic = (id: number | undefined) => useOne<TopicDetail>(id ? `/topics/${id}` : null);
export const useBody = (id: number | undefined) => useOne<BodyDetail>(id ? `/delib-bodies/${id}` : null);
export const useMeeting = (id: number | undefined) => useOne<MeetingDetail>(id ? `/delib-meetings/${id}` : null);
export const useConsultation = (id: number | undefined) => useOne<ConsultationDetail>(id ? `/delib-consultations/${id}` : null);
export const useForms = () => useOne<{ items: Form[] }>('/delib-forms');
export const useTaskSummary = (orgId?: number) =>
  useQuery({ queryKey: [...delibKeys.all, 'summary', orgId], queryFn: () => api.get<{ open: number; overdue: number; done: number; cancelled: number }>('/delib-tasks/summary', { orgId }) });

/** A write that refreshes every deliberation query when it succeeds. */
export function useWrite<V, R = unknown>(method: 'post' | 'patch' | 'put', path: (v: V) => string, body: (v: V) => unknown = (v) => v) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => api[method]<R>(path(v), body(v)),
    onSuccess: () => qc.invalidateQueries({ queryKey: delibKeys.all }),
  });
}

export function useUpload(meetingId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload(`/delib-meetings/${meetingId}/attachments`, file, { fileName: file.name }, file.type),
    onSuccess: () => qc.invalidateQueries({ queryKey: delibKeys.all }),
  });
}

export const exportList = (path: string, filter: Filter, name: string) => download(path, clean(filter), name);
export const fetchFile = (url: string, name: string) => download(url, undefined, name);

/** The signed-in user (the console and phone pages render only when signed in). */
export function useMe() {
  const s = useSession();
  return s.status === 'authenticated' ? s.me : null;
}
