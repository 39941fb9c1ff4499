import { useMutation, useQuery } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { AuditEntry, AuditFilters, AuditVerifyResult } from './types';

export function useAuditLog(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'list', filters, page, pageSize],
    queryFn: () => api.get<Paged<AuditEntry>>('/audit', { ...filters, page, pageSize }),
    placeholderData: (prev) => prev,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.post<AuditVerifyResult>('/audit/verify') });
}

export const exportAudit = (filters: AuditFilters) => download('/audit/export.xlsx', { ...filters }, 'audit.xlsx');
