import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { Activity, ActivityFilter, ActivityInput, ConfirmResult, MyActivity, MyPoints, QrToken, RegisterInput, Sheet, Volunteer } from './types';

/** The volunteering API: one hook per call. */
export const volKeys = {
  all: ['volunteering'] as const,
  me: ['volunteering', 'me'] as const,
  myActivities: (page: number) => ['volunteering', 'myActivities', page] as const,
  volunteers: (p: object) => ['volunteering', 'volunteers', p] as const,
  activities: (p: object) => ['volunteering', 'activities', p] as const,
  activity: (id: number) => ['volunteering', 'activity', id] as const,
  sheet: (id: number) => ['volunteering', 'sheet', id] as const,
  qr: (id: number, mode: string) => ['volunteering', 'qr', id, mode] as const,
};

function useInvalidateAll() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: volKeys.all });
}

export const useMyVolunteer = () => useQuery({ queryKey: volKeys.me, queryFn: () => api.get<Volunteer | null>('/volunteers/me') });
export const useMyActivities = (page: number) =>
  useQuery({ queryKey: volKeys.myActivities(page), queryFn: () => api.get<Paged<MyActivity>>('/volunteers/me/activities', { page, pageSize: 20 }), placeholderData: keepPreviousData });
export const useMyPoints = () =>
  useQuery({ queryKey: ['volunteering', 'points'], queryFn: () => api.get<MyPoints>('/points/me', { page: 1, pageSize: 1 }), retry: false });

export function useRegister() {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: (b: RegisterInput) => api.post<Volunteer>('/volunteers/me', b), onSuccess: done });
}

export type VolunteerParams = { q?: string; skill?: string; page: number; pageSize: number };
export const useVolunteers = (p: VolunteerParams) =>
  useQuery({ queryKey: volKeys.volunteers(p), queryFn: () => api.get<Paged<Volunteer>>('/volunteers', { ...p }), placeholderData: keepPreviousData });
export const exportVolunteers = (p: Omit<VolunteerParams, 'page' | 'pageSize'>) => download('/volunteers/export.xlsx', { ...p }, '志愿者.xlsx');
export const revealPhone = (id: number, reason: string) => api.post<{ value: string | null }>(`/volunteers/${id}/reveal`, { reason }).then((r) => r.value ?? '');
export const downloadMyCertificate = () => download('/volunteers/me/certificate.pdf', undefined, '志愿服务证明.pdf');
export const downloadCertificate = (id: number) => download(`/volunteers/${id}/certificate.pdf`, undefined, '志愿服务证明.pdf');

export type ActivityParams = ActivityFilter & { page: number; pageSize: number };
export const useActivities = (p: ActivityParams) =>
  useQuery({ queryKey: volKeys.activities(p), queryFn: () => api.get<Paged<Activity>>('/activities', { ...p }), placeholderData: keepPreviousData });
export const exportActivities = (p: ActivityFilter) => download('/activities/export.xlsx', { q: p.q, kind: p.kind, status: p.status }, '志愿活动.xlsx');
export const useActivity = (id: number) => useQuery({ queryKey: volKeys.activity(id), queryFn: () => api.get<Activity>(`/activities/${id}`), enabled: id > 0 });

/** Every write answers the activity (or the sheet); each refreshes the feature's queries. */
export function useActivityWrite<V, R = unknown>(run: (v: V) => Promise<R>) {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: run, onSuccess: done });
}
export const createActivity = (b: ActivityInput) => api.post<Activity>('/activities', b);
export const updateActivity = (id: number, b: Partial<ActivityInput>) => api.patch<Activity>(`/activities/${id}`, b);
export const publishActivity = (id: number) => api.post<Activity>(`/activities/${id}/publish`, {});
export const cancelActivity = (id: number, reason: string) => api.post<Activity>(`/activities/${id}/cancel`, { reason });
export const signUp = (id: number) => api.post<Activity>(`/activities/${id}/signup`, {});
export const cancelSignup = (id: number) => api.post<Activity>(`/activities/${id}/cancel-signup`, {});
export const scan = (id: number, token: string) => api.post<Activity>(`/activities/${id}/scan`, { token });
export const confirmAttendance = (id: number) => api.post<ConfirmResult>(`/activities/${id}/confirm`, {});
export const markAttendance = (signupId: number, b: { checkInAt: string | null; checkOutAt: string | null }) => api.post<Sheet>(`/signups/${signupId}/attendance`, b);
export const exportAttendance = (id: number) => download(`/activities/${id}/attendance.xlsx`, undefined, '考勤.xlsx');

export const useSheet = (id: number) => useQuery({ queryKey: volKeys.sheet(id), queryFn: () => api.get<Sheet>(`/activities/${id}/attendance`), enabled: id > 0 });
/** The organizer's QR token, fetched again every 30 s (the server rotates it every minute). */
export const useQrToken = (id: number, mode: 'in' | 'out', enabled: boolean) =>
  useQuery({ queryKey: volKeys.qr(id, mode), queryFn: () => api.get<QrToken>(`/activities/${id}/qr`, { mode }), enabled, refetchInterval: 30_000 });
