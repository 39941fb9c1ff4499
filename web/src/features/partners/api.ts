import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { PageState } from '../../components/pagination';
import type { ClaimAction, Claim, ContractDetail, Filter, PartyMember } from './types';

/** Calls of the partners API; every change refreshes the partners queries. */
export const partnerKeys = { all: ['partners'] as const };

const clean = (f: Filter) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));

/** A page of any partners list (members, units, needs …) with its filter. */
export function usePaged<T>(path: string, filter: Filter, page: PageState, enabled = true) {
  return useQuery({
    queryKey: [...partnerKeys.all, path, clean(filter), page],
    queryFn: () => api.get<Paged<T>>(path, { ...clean(filter), page: page.page, pageSize: page.pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useContract(id: number | undefined) {
  return useQuery({
    queryKey: [...partnerKeys.all, 'contract', id],
    queryFn: () => api.get<ContractDetail>(`/partner-contracts/${id}`),
    enabled: id !== undefined,
  });
}

export function useMyMember() {
  return useQuery({ queryKey: [...partnerKeys.all, 'me'], queryFn: () => api.get<{ member: PartyMember | null }>('/me/party-member') });
}

/** A write (POST or PATCH) that refreshes every partners query when it succeeds. */
export function useWrite<V>(method: 'post' | 'patch', path: (v: V) => string, body: (v: V) => unknown = (v) => v) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => (method === 'post' ? api.post(path(v), body(v)) : api.patch(path(v), body(v))),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnerKeys.all }),
  });
}

export function useClaimAction() {
  return useWrite<{ id: number; action: ClaimAction; note?: string | null }>('post', (v) => `/partner-claims/${v.id}/transition`, (v) => ({ action: v.action, ...(v.note ? { note: v.note } : {}) }));
}
export function useRate() {
  return useWrite<{ id: number; rating: number; comment?: string | null }>('post', (v) => `/partner-claims/${v.id}/feedback`, (v) => ({ rating: v.rating, ...(v.comment ? { comment: v.comment } : {}) }));
}
export function useMyClaim() {
  return useWrite<{ needId?: number; postId?: number; note?: string }>('post', () => '/me/partner-claims');
}

export const reveal = (path: string, reason: string) => api.post<{ value: string | null }>(path, { reason }).then((r) => r.value ?? '');
export const exportList = (path: string, filter: Filter, name: string) => download(path, clean(filter), name);
export type { Claim };
