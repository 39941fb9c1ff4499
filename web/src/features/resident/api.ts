import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, download, type Paged } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { Correction, GridCard, Label, OwnHousehold, OwnRecord, ResidentMeta } from './types';

export const meKeys = {
  all: ['me'] as const,
  resident: ['me', 'resident'] as const,
  household: ['me', 'household'] as const,
  gridWorkers: ['me', 'grid-workers'] as const,
  corrections: (page: number) => ['me', 'corrections', page] as const,
};

/** 404 means: this account is not linked to a resident record (or has no household) — an empty state, not an error. */
export const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;

export function useMyResident() {
  return useQuery({ queryKey: meKeys.resident, queryFn: () => api.get<OwnRecord>('/me/resident') });
}

export function useMyHousehold() {
  return useQuery({ queryKey: meKeys.household, queryFn: () => api.get<OwnHousehold>('/me/household') });
}

export function useMyGridWorkers() {
  return useQuery({
    queryKey: meKeys.gridWorkers,
    queryFn: () => api.get<{ items: GridCard[] }>('/me/grid-workers'),
  });
}

export function useMyCorrections(page: number, enabled = true) {
  return useQuery({
    queryKey: meKeys.corrections(page),
    queryFn: () => api.get<Paged<Correction>>('/me/corrections', { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateCorrection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { field: string; message: string }) => api.post<Correction>('/me/corrections', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me', 'corrections'] }),
  });
}

export const exportMine = () => download('/me/resident/export.xlsx', undefined, 'my-record.xlsx');

/** Field labels (zh/en) from the server, so the phone pages never copy the vocabularies. */
export function useResidentMeta() {
  return useQuery({
    queryKey: ['me', 'meta'],
    queryFn: () => api.get<ResidentMeta>('/residents/meta'),
    staleTime: 60 * 60_000,
  });
}

/** label(list, value): the value's label in the UI language (the raw value while loading). */
export function useLabel() {
  const { lang } = useLang();
  return (list: Label[] | undefined, value: string | null | undefined): string => {
    if (!value) return '—';
    const l = list?.find((x) => x.value === value);
    return l ? l[lang] : value;
  };
}
