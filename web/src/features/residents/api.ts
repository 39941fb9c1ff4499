import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type {
  AccountInput,
  AccountResult,
  Correction,
  CorrectionListParams,
  CreateResidentInput,
  HouseholdOption,
  MoveInput,
  Resident,
  ResidentFilter,
  ResidentHistory,
  ResidentListParams,
  ResidentMeta,
  ResidentPage,
  RevealField,
  UpdateResidentInput,
} from './types';

export const residentKeys = {
  all: ['residents'] as const,
  meta: () => ['residents', 'meta'] as const,
  list: (p: ResidentListParams) => [...residentKeys.all, 'list', p] as const,
  detail: (id: number) => [...residentKeys.all, 'detail', id] as const,
  history: (id: number) => [...residentKeys.all, 'history', id] as const,
  corrections: (p: CorrectionListParams) => ['corrections', p] as const,
};

/** Enum and tag labels come from the server so that forms never copy its lists. */
export function useResidentMeta() {
  return useQuery({
    queryKey: residentKeys.meta(),
    queryFn: () => api.get<ResidentMeta>('/residents/meta'),
    staleTime: Infinity,
  });
}

export function useResidents(params: ResidentListParams) {
  return useQuery({
    queryKey: residentKeys.list(params),
    queryFn: ({ signal }) => api.get<ResidentPage>('/residents', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useResident(id: number) {
  return useQuery({
    queryKey: residentKeys.detail(id),
    queryFn: () => api.get<Resident>(`/residents/${id}`),
    enabled: Number.isInteger(id) && id > 0,
    retry: (count, err) => count < 1 && !(err as { status?: number }).status,
  });
}

export function useResidentHistory(id: number) {
  return useQuery({
    queryKey: residentKeys.history(id),
    queryFn: () => api.get<ResidentHistory>(`/residents/${id}/history`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

function useResidentMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['residents', 'list'] }),
        qc.invalidateQueries({ queryKey: ['residents', 'detail'] }),
        qc.invalidateQueries({ queryKey: ['residents', 'history'] }),
        qc.invalidateQueries({ queryKey: ['households'] }),
        qc.invalidateQueries({ queryKey: ['corrections'] }),
      ]),
  });
}

export const useCreateResident = () =>
  useResidentMutation((input: CreateResidentInput) => api.post<Resident>('/residents', input));
export const useUpdateResident = () =>
  useResidentMutation(({ id, input }: { id: number; input: UpdateResidentInput }) =>
    api.patch<Resident>(`/residents/${id}`, input),
  );
export const useMoveResident = () =>
  useResidentMutation(({ id, input }: { id: number; input: MoveInput }) =>
    api.post<Resident>(`/residents/${id}/move`, input),
  );
export type StatusAction = 'deactivate' | 'reactivate' | 'anonymize';
export const useResidentStatus = () =>
  useResidentMutation(({ id, action, reason }: { id: number; action: StatusAction; reason: string }) =>
    api.post<Resident>(`/residents/${id}/${action}`, { reason }),
  );
export const useOpenAccount = () =>
  useResidentMutation(({ id, input }: { id: number; input: AccountInput }) =>
    api.post<AccountResult>(`/residents/${id}/account`, input),
  );

/** Full value of one personal field; audited by the server, kept only in component state. */
export function revealResident(id: number, field: RevealField, reason: string): Promise<string> {
  return api.post<{ value: string }>(`/residents/${id}/reveal`, { field, reason }).then((r) => r.value);
}

export interface ExportOptions {
  reveal?: boolean;
  reason?: string;
}

export const exportResidents = (filter: ResidentFilter, opts: ExportOptions = {}) =>
  download('/residents/export.xlsx', { ...filter, reveal: opts.reveal || undefined, reason: opts.reason }, 'residents.xlsx');

export function useCorrections(params: CorrectionListParams) {
  return useQuery({
    queryKey: residentKeys.corrections(params),
    queryFn: () => api.get<Paged<Correction>>('/corrections', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export const useHandleCorrection = () =>
  useResidentMutation(({ id, accept, reply }: { id: number; accept: boolean; reply: string }) =>
    api.post<Correction>(`/corrections/${id}/${accept ? 'accept' : 'reject'}`, { reply }),
  );

/** Household search for pickers (GET /households?q=). */
export function useHouseholdSearch(q: string, orgId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['households', 'pick', q, orgId ?? null],
    queryFn: ({ signal }) =>
      api.get<Paged<HouseholdOption>>('/households', { q: q || undefined, orgId, page: 1, pageSize: 20 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
