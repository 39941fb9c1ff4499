/** Mirrors src/modules/imports/schema.ts (the server's TypeBox schemas). */

export type JobStatus = 'previewed' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportJob {
  id: number;
  orgId: number;
  orgName: string;
  filename: string;
  /** xlsx | csv */
  format: string;
  status: string;
  totalRows: number;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** commit | errors */
  actions: string[];
}

export interface PreviewRow {
  rowNo: number;
  /** Parsed values (personal information masked); null for a rejected row */
  values: Record<string, string | null> | null;
  errors: string[];
}

export interface PreviewColumn {
  header: string;
  field: string | null;
  fieldLabel: string | null;
}

export interface ImportPreview {
  format: string;
  encoding: string | null;
  sheet: string | null;
  headerRow: number;
  columns: PreviewColumn[];
  /** the first 20 data rows */
  rows: PreviewRow[];
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** the first 50 rejected rows */
  errors: { rowNo: number; reason: string }[];
}

export interface UploadResult {
  job: ImportJob;
  preview: ImportPreview;
}
