import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { PageState } from '../../components/pagination';
import type {
  Acknowledgement, Donation, DonationFilter, DonationInput, Donor, DonorFilter, DonorInput, Item, ItemFilter, ItemInput, Redemption, RedemptionFilter, UserOption,
} from './types';

/** Queries and mutations of the love store (/api/v1/store/...). */
export const storeKeys = {
  all: ['store'] as const,
  donors: ['store', 'donors'] as const,
  items: ['store', 'items'] as const,
  donations: ['store', 'donations'] as const,
  redemptions: ['store', 'redemptions'] as const,
};

const paged = <T>(path: string, key: readonly unknown[], filter: object, page: PageState, enabled = true) =>
  ({ queryKey: [...key, filter, page], queryFn: () => api.get<Paged<T>>(path, { ...filter, ...page }), placeholderData: keepPreviousData, enabled });

export const useDonors = (f: DonorFilter, p: PageState) => useQuery(paged<Donor>('/store/donors', storeKeys.donors, f, p));
export const useItems = (f: ItemFilter, p: PageState) => useQuery(paged<Item>('/store/items', storeKeys.items, f, p));
export const useDonations = (f: DonationFilter, p: PageState) => useQuery(paged<Donation>('/store/donations', storeKeys.donations, f, p));
export const useRedemptions = (f: RedemptionFilter, p: PageState) => useQuery(paged<Redemption>('/store/redemptions', storeKeys.redemptions, f, p));

export const exportDonors = (f: DonorFilter) => download('/store/donors/export.xlsx', { ...f }, '捐赠方.xlsx');
export const exportItems = (f: ItemFilter) => download('/store/items/export.xlsx', { ...f }, '爱心超市商品.xlsx');
export const exportDonations = (f: DonationFilter) => download('/store/donations/export.xlsx', { ...f }, '捐赠记录.xlsx');
export const exportRedemptions = (f: RedemptionFilter) => download('/store/redemptions/export.xlsx', { ...f }, '兑换记录.xlsx');
export const exportAcknowledgement = (donorId: number) => download(`/store/donors/${donorId}/acknowledgement.xlsx`, undefined, '爱心反馈.xlsx');

export function useAcknowledgement(donorId: number) {
  return useQuery({ queryKey: [...storeKeys.donors, 'ack', donorId], queryFn: () => api.get<Acknowledgement>(`/store/donors/${donorId}/acknowledgement`), enabled: donorId > 0 });
}
export const revealDonor = (id: number, field: 'contactName' | 'contactPhone', reason: string) =>
  api.post<{ value: string | null }>(`/store/donors/${id}/reveal`, { field, reason }).then((r) => r.value ?? '');

/** Every store write may change stock, lists and balances: refresh the store's queries (and my points). */
function useStoreMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: storeKeys.all });
      void qc.invalidateQueries({ queryKey: ['points'] });
    },
  });
}

export const useSaveDonor = () => useStoreMutation(({ id, ...b }: DonorInput & { id?: number }) => (id ? api.patch<Donor>(`/store/donors/${id}`, b) : api.post<Donor>('/store/donors', b)));
export const useSaveItem = () => useStoreMutation(({ id, ...b }: ItemInput & { id?: number }) => (id ? api.patch<Item>(`/store/items/${id}`, b) : api.post<Item>('/store/items', b)));
export const useAdjustStock = () => useStoreMutation(({ id, ...b }: { id: number; delta: number; reason: string }) => api.post<Item>(`/store/items/${id}/stock`, b));
export const useDonate = () => useStoreMutation((b: DonationInput) => api.post<Donation>('/store/donations', b));
export const useRedeem = () => useStoreMutation((b: { clientKey: string; itemId: number; quantity: number; userId?: number }) => api.post<Redemption>('/store/redemptions', b));
export const useCancelRedemption = () => useStoreMutation(({ id, reason }: { id: number; reason?: string }) => api.post<Redemption>(`/store/redemptions/${id}/cancel`, { reason: reason || null }));
export const useCompleteRedemption = () => useStoreMutation(({ id, pickupCode }: { id: number; pickupCode: string }) => api.post<Redemption>(`/store/redemptions/${id}/complete`, { pickupCode }));
export const useSweep = () => useStoreMutation(() => api.post<{ cancelled: number }>('/store/redemptions/sweep', {}));

export const findByCode = (code: string) => api.get<{ items: Redemption[] }>('/store/counter', { code });

/** A resident's balance from the points ledger (GET /points/me). */
export function useMyBalance() {
  return useQuery({ queryKey: ['points', 'me', 'balance'], queryFn: () => api.get<{ balance: number }>('/points/me', { page: 1, pageSize: 1 }) });
}

export function useResidentSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'residents', q],
    queryFn: () => api.get<Paged<UserOption>>('/users', { role: 'resident', q: q || undefined, page: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A fresh idempotency key per redemption attempt (kept across retries of the same attempt). */
export const newClientKey = () => `rd-${crypto.randomUUID().replace(/-/g, '')}`.slice(0, 40);
