import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type {
  Building,
  BuildingInput,
  Estate,
  EstateInput,
  Household,
  HouseholdDetail,
  HouseholdFilter,
  HouseholdInput,
  Label,
  PlacesMeta,
  Unit,
} from './types';

type PageQ = { page: number; pageSize: number };

export const placeKeys = {
  estates: (p: { q?: string; orgId?: number } & PageQ) => ['estates', p] as const,
  buildings: (estateId: number, p: PageQ) => ['buildings', estateId, p] as const,
  units: (buildingId: number) => ['units', buildingId] as const,
  households: (p: HouseholdFilter & PageQ) => ['households', 'list', p] as const,
  household: (id: number) => ['households', 'detail', id] as const,
};

export function useEstates(p: { q?: string; orgId?: number } & PageQ, enabled = true) {
  return useQuery({
    queryKey: placeKeys.estates(p),
    queryFn: ({ signal }) => api.get<Paged<Estate>>('/estates', { ...p }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useBuildings(estateId: number | undefined, p: PageQ = { page: 1, pageSize: 200 }) {
  return useQuery({
    queryKey: placeKeys.buildings(estateId ?? 0, p),
    queryFn: ({ signal }) => api.get<Paged<Building>>('/buildings', { estateId, ...p }, signal),
    enabled: !!estateId,
  });
}

export function useUnits(buildingId: number | undefined) {
  return useQuery({
    queryKey: placeKeys.units(buildingId ?? 0),
    queryFn: ({ signal }) => api.get<Paged<Unit>>('/units', { buildingId, page: 1, pageSize: 200 }, signal),
    enabled: !!buildingId,
  });
}

export function useHouseholds(p: HouseholdFilter & PageQ) {
  return useQuery({
    queryKey: placeKeys.households(p),
    queryFn: ({ signal }) => api.get<Paged<Household>>('/households', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: number) {
  return useQuery({
    queryKey: placeKeys.household(id),
    queryFn: () => api.get<HouseholdDetail>(`/households/${id}`),
    enabled: Number.isInteger(id) && id > 0,
    retry: (count, err) => count < 1 && !(err as { status?: number }).status,
  });
}

/** Every write may change counts shown in the other panels: refresh all place lists. */
function usePlaceMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all(['estates', 'buildings', 'units', 'households', 'residents'].map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}

export const useSaveEstate = () =>
  usePlaceMutation(({ id, input }: { id?: number; input: EstateInput }) =>
    id ? api.patch<Estate>(`/estates/${id}`, input) : api.post<Estate>('/estates', input),
  );
export const useDeleteEstate = () => usePlaceMutation((id: number) => api.delete(`/estates/${id}`));

export const useSaveBuilding = () =>
  usePlaceMutation(({ id, input }: { id?: number; input: BuildingInput }) =>
    id ? api.patch<Building>(`/buildings/${id}`, input) : api.post<Building>('/buildings', input),
  );
export const useDeleteBuilding = () => usePlaceMutation((id: number) => api.delete(`/buildings/${id}`));

export const useSaveUnit = () =>
  usePlaceMutation(({ id, buildingId, name }: { id?: number; buildingId: number; name: string }) =>
    id ? api.patch<Unit>(`/units/${id}`, { name }) : api.post<Unit>('/units', { buildingId, name }),
  );
export const useDeleteUnit = () => usePlaceMutation((id: number) => api.delete(`/units/${id}`));

export const useSaveHousehold = () =>
  usePlaceMutation(({ id, input }: { id?: number; input: HouseholdInput }) =>
    id ? api.patch<Household>(`/households/${id}`, input) : api.post<Household>('/households', input),
  );

export function revealAddress(id: number, reason: string): Promise<string> {
  return api.post<{ value: string }>(`/households/${id}/reveal`, { field: 'address', reason }).then((r) => r.value);
}

export const exportHouseholds = (f: HouseholdFilter) => download('/households/export.xlsx', { ...f }, 'households.xlsx');

/** Labels from GET /residents/meta (shared cache key with the residents pages). */
export function usePlaceLabels() {
  const { lang } = useLang();
  const meta = useQuery({
    queryKey: ['residents', 'meta'],
    queryFn: () => api.get<PlacesMeta>('/residents/meta'),
    staleTime: Infinity,
  });
  const list = (kind: keyof PlacesMeta): Label[] => meta.data?.[kind] ?? [];
  const pick = (l: Label) => (lang === 'en' ? l.en : l.zh);
  return {
    meta,
    label: (kind: keyof PlacesMeta, v: string | null | undefined) => {
      if (!v) return '—';
      const l = list(kind).find((x) => x.value === v);
      return l ? pick(l) : v;
    },
    options: (kind: keyof PlacesMeta) => list(kind).map((l) => ({ value: l.value, label: pick(l) })),
  };
}
export type PlaceLabels = ReturnType<typeof usePlaceLabels>;
