import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { ImportJob, UploadResult } from './types';

export const importKeys = {
  all: ['imports'] as const,
  list: (page: number, pageSize: number) => ['imports', 'list', page, pageSize] as const,
  job: (id: number) => ['imports', 'job', id] as const,
};

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the server reads the body as: by extension, since browsers often leave File.type empty for .csv. */
export function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_MIME;
  if (name.endsWith('.csv')) return 'text/csv';
  return null;
}

/** Sends the file as the raw request body (no multipart), with the session's CSRF header. */
export function uploadResidents(orgId: number, file: File): Promise<UploadResult> {
  const type = contentTypeOf(file) ?? 'application/octet-stream';
  return api.upload<UploadResult>('/imports/residents', file, { orgId, filename: file.name.slice(0, 200) }, type);
}

export function useUploadResidents() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, file }: { orgId: number; file: File }) => uploadResidents(orgId, file),
    onSuccess: (res) => {
      qc.setQueryData(importKeys.job(res.job.id), res.job);
      return qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<ImportJob>(`/imports/${id}/commit`),
    onSuccess: (job) => {
      qc.setQueryData(importKeys.job(job.id), job);
      return qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

const isActive = (job: ImportJob | undefined) => job?.status === 'running';

/** The job, polled every second while it runs. */
export function useImportJob(id: number | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: importKeys.job(id ?? 0),
    queryFn: async () => {
      const job = await api.get<ImportJob>(`/imports/${id}`);
      if (!isActive(job)) {
        // Finished: the list and the residents pages show the new rows.
        void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
        void qc.invalidateQueries({ queryKey: ['residents', 'list'] });
      }
      return job;
    },
    enabled: !!id,
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : false),
  });
}

export function useImportJobs(page: number, pageSize: number) {
  return useQuery({
    queryKey: importKeys.list(page, pageSize),
    queryFn: () => api.get<Paged<ImportJob>>('/imports', { page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 3000 : false),
  });
}

export const downloadTemplate = () => download('/imports/template.xlsx', undefined, '居民导入模板.xlsx');
export const downloadErrors = (id: number) => download(`/imports/${id}/errors.xlsx`, undefined, `import-${id}-errors.xlsx`);
