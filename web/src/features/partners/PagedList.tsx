import { useState, type ReactNode } from 'react';
import { Empty, Flex, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination, type PageState } from '../../components/pagination';
import { useT } from '../../lib/i18n';
import { exportList, usePaged } from './api';
import type { Filter } from './types';

export interface FilterSpec { name: string; kind: 'search' | 'select' | 'org'; placeholder: string; options?: { value: string | number; label: string }[] }

interface Props<T> {
  path: string;
  columns: ColumnsType<T>;
  filters: FilterSpec[];
  /** Fixed filter values (e.g. a year) merged into the query. */
  fixed?: Filter;
  exportPath?: string;
  exportName?: string;
  toolbar?: ReactNode;
  testId: string;
  empty: string;
}

const FIRST: PageState = { page: 1, pageSize: 20 };

/** A filtered, paged table of one partners list, with its Excel export and toolbar. */
export function PagedList<T extends { id?: number; rank?: number }>({ path, columns, filters, fixed, exportPath, exportName, toolbar, testId, empty }: Props<T>) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState<PageState>(FIRST);
  const all = { ...filter, ...fixed };
  const q = usePaged<T>(path, all, page);
  const change = (name: string, v: string | number | undefined) => {
    setFilter((f) => ({ ...f, [name]: v }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <Flex vertical gap={12} data-testid={testId}>
      <Flex gap={8} wrap>
        {filters.map((f) => f.kind === 'search'
          ? <Input.Search key={f.name} allowClear maxLength={50} placeholder={f.placeholder} style={{ width: 220 }} onSearch={(v) => change(f.name, v.trim() || undefined)} data-testid={`${testId}-${f.name}`} />
          : f.kind === 'org'
            ? <ScopeOrgPicker key={f.name} value={filter[f.name] as number | undefined} onChange={(v) => change(f.name, v)} placeholder={f.placeholder} style={{ width: 240 }} data-testid={`${testId}-${f.name}`} />
            : <Select key={f.name} allowClear placeholder={f.placeholder} style={{ width: 150 }} value={filter[f.name]} options={f.options} onChange={(v) => change(f.name, v)} data-testid={`${testId}-${f.name}`} />)}
        <span style={{ flex: 1 }} />
        {toolbar}
        {exportPath && <ExportButton run={() => exportList(exportPath, all, exportName ?? 'export.xlsx')} testId={`${testId}-export`} />}
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<T>
          rowKey={(r) => String(r.id ?? r.rank)}
          size="middle"
          loading={q.isFetching}
          columns={columns}
          dataSource={q.data?.items ?? []}
          pagination={pagination(t, page, q.data?.total, setPage)}
          locale={{ emptyText: <Empty description={empty} /> }}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Flex>
  );
}
