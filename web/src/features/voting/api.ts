import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { BallotPage, Participant, Receipt, ReceiptCheck, Verify, Vote, VoteFilter, VoteInput, ElectorateInput } from './types';

/** The voting API: one hook per call. */
export const voteKeys = {
  all: ['voting'] as const,
  list: (p: object) => ['voting', 'list', p] as const,
  mine: (p: object) => ['voting', 'mine', p] as const,
  vote: (id: number) => ['voting', 'vote', id] as const,
  participation: (id: number, p: object) => ['voting', 'participation', id, p] as const,
};

export type VoteParams = VoteFilter & { page: number; pageSize: number };
export const useVotes = (p: VoteParams) =>
  useQuery({ queryKey: voteKeys.list(p), queryFn: () => api.get<Paged<Vote>>('/votes', { ...p }), placeholderData: keepPreviousData });
export const exportVotes = (f: VoteFilter) => download('/votes/export.xlsx', { q: f.q, status: f.status }, '表决.xlsx');
export const useMyVotes = (page: number) =>
  useQuery({ queryKey: voteKeys.mine({ page }), queryFn: () => api.get<Paged<Vote>>('/votes/mine', { page, pageSize: 20 }), placeholderData: keepPreviousData });
export const useVote = (id: number) => useQuery({ queryKey: voteKeys.vote(id), queryFn: () => api.get<Vote>(`/votes/${id}`), enabled: id > 0 });
export const useParticipation = (id: number, p: { page: number; pageSize: number }, enabled: boolean) =>
  useQuery({ queryKey: voteKeys.participation(id, p), queryFn: () => api.get<Paged<Participant> & { eligible: number | null }>(`/votes/${id}/participation`, { ...p }), enabled, placeholderData: keepPreviousData });
export const exportResult = (id: number) => download(`/votes/${id}/result.xlsx`, undefined, `表决结果-${id}.xlsx`);

/** Every write refreshes the feature's queries. */
export function useVoteWrite<V, R = unknown>(run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => void qc.invalidateQueries({ queryKey: voteKeys.all }) });
}
export const createVote = (b: VoteInput) => api.post<Vote>('/votes', b);
export const updateVote = (id: number, b: Partial<VoteInput>) => api.patch<Vote>(`/votes/${id}`, b);
export const openVote = (id: number) => api.post<Vote>(`/votes/${id}/open`, {});
export const closeVote = (id: number) => api.post<Vote>(`/votes/${id}/close`, {});
export const publishVote = (id: number) => api.post<Vote>(`/votes/${id}/publish`, {});
export const castBallot = (id: number, choices: string[]) => api.post<Receipt>(`/votes/${id}/ballots`, { choices });
export const previewElectorate = (orgId: number, electorate: ElectorateInput) => api.post<{ eligible: number; accounts: number }>('/votes/electorate-preview', { orgId, electorate });
export const checkReceipt = (id: number, receipt: string) => api.get<ReceiptCheck>(`/votes/${id}/receipts/${encodeURIComponent(receipt)}`);
export const verifyVote = (id: number) => api.get<Verify>(`/votes/${id}/verify`);

/** Every published ballot, page by page (the recount needs the whole list). */
export async function allBallots(id: number): Promise<BallotPage> {
  const first = await api.get<BallotPage>(`/votes/${id}/ballots`, { page: 1, pageSize: 5000 });
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) items.push(...(await api.get<BallotPage>(`/votes/${id}/ballots`, { page, pageSize: 5000 })).items);
  return { ...first, items };
}

/** Pickers for the electorate: the community's deliberation bodies, estates and buildings. */
export const useBodies = (enabled: boolean) => useQuery({
  queryKey: ['voting', 'bodies'], enabled, retry: false,
  queryFn: () => api.get<Paged<{ id: number; name: string; orgName: string; membersWithAccount: number }>>('/delib-bodies', { page: 1, pageSize: 200 }),
});
export const useEstates = (orgId: number | undefined) => useQuery({
  queryKey: ['voting', 'estates', orgId], enabled: !!orgId,
  queryFn: () => api.get<Paged<{ id: number; name: string }>>('/estates', { orgId, page: 1, pageSize: 200 }),
});
export const useBuildings = (estateId: number | undefined) => useQuery({
  queryKey: ['voting', 'buildings', estateId], enabled: !!estateId,
  queryFn: () => api.get<Paged<{ id: number; name: string }>>('/buildings', { estateId, page: 1, pageSize: 200 }),
});
