import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { Account, AccountFilter, MyPoints, PoolRow, Posted, Statement, Txn, TxnFilter, VerifyReport } from './types';

export const pointsKeys = {
  all: ['points'] as const,
  summary: (orgId?: number) => ['points', 'summary', orgId] as const,
  accounts: (p: object) => ['points', 'accounts', p] as const,
  statement: (id: number, page: number, pageSize: number) => ['points', 'statement', id, page, pageSize] as const,
  txns: (p: object) => ['points', 'txns', p] as const,
  me: ['points', 'me'] as const,
};

interface PageArgs { page: number; pageSize: number }

export function usePoolSummary(orgId?: number) {
  return useQuery({
    queryKey: pointsKeys.summary(orgId),
    queryFn: () => api.get<{ items: PoolRow[] }>('/points/summary', { orgId }),
    placeholderData: keepPreviousData,
  });
}

export function useAccounts(f: AccountFilter, p: PageArgs) {
  const params = { ...f, ...p };
  return useQuery({
    queryKey: pointsKeys.accounts(params),
    queryFn: () => api.get<Paged<Account>>('/points/accounts', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useStatement(id: number | undefined, p: PageArgs) {
  return useQuery({
    queryKey: pointsKeys.statement(id ?? 0, p.page, p.pageSize),
    queryFn: () => api.get<Statement>(`/points/accounts/${id}`, { ...p }),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useTxns(f: TxnFilter, p: PageArgs) {
  const params = { ...f, ...p };
  return useQuery({
    queryKey: pointsKeys.txns(params),
    queryFn: () => api.get<Paged<Txn>>('/points/txns', { ...params }),
    placeholderData: keepPreviousData,
  });
}

const ME_PAGE = 20;

/** 我的积分: the figures come with every page; the movements are appended page by page. */
export function useMyPoints() {
  return useInfiniteQuery({
    queryKey: pointsKeys.me,
    queryFn: ({ pageParam }) => api.get<MyPoints>('/points/me', { page: pageParam, pageSize: ME_PAGE }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export const exportAccounts = (f: AccountFilter) => download('/points/accounts/export.xlsx', { ...f }, 'points-accounts.xlsx');
export const exportTxns = (f: TxnFilter) => download('/points/txns/export.xlsx', { ...f }, 'points-movements.xlsx');

/** Any ledger write changes balances everywhere: refetch every points query. */
function usePost<B>(path: (b: B) => string, body: (b: B) => object) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: B) => api.post<Posted>(path(b), body(b)),
    onSettled: () => void qc.invalidateQueries({ queryKey: pointsKeys.all }),
  });
}

export interface IssueInput { communityId: number; amount: number; reason: string; clientKey: string }
export interface AwardInput { userId: number; amount: number; reason: string; clientKey: string }
export interface ReverseInput { txnId: number; reason: string; clientKey: string }

export const useIssue = () => usePost<IssueInput>(() => '/points/issue', (b) => b);
export const useAward = () => usePost<AwardInput>(() => '/points/awards', (b) => b);
export const useReverse = () => usePost<ReverseInput>((b) => `/points/txns/${b.txnId}/reverse`, ({ reason, clientKey }) => ({ reason, clientKey }));

export function useVerify() {
  return useMutation({ mutationFn: () => api.post<VerifyReport>('/points/verify', {}) });
}

/** Residents within the caller's scope (GET /users, role resident) for the award picker. */
export interface UserOption { id: number; username: string; displayName: string; orgName: string }
export function useResidentSearch(q: string) {
  return useQuery({
    queryKey: ['users', 'residents', q],
    queryFn: () => api.get<Paged<UserOption>>('/users', { role: 'resident', q: q || undefined, page: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
