import { useState, type ReactNode } from 'react';
import { Checkbox, Empty, Flex, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination, type PageState } from '../../components/pagination';
import { useT } from '../../lib/i18n';
import { exportList, usePaged } from './api';
import type { Filter } from './types';

export type FilterDef =
  | { name: string; kind: 'search' | 'org'; placeholder: string }
  | { name: string; kind: 'select'; placeholder: string; options: { value: string | number; label: string }[] }
  | { name: string; kind: 'check'; placeholder: string };

interface Props<T> {
  path: string; columns: ColumnsType<T>; filters: FilterDef[]; fixed?: Filter;
  exportPath?: string; exportName?: string; toolbar?: ReactNode; testId: string; empty: string; onRow?: (row: T) => void;
}

/** A filtered, paged list of one deliberation collection, with its Excel export. */
export function PagedTable<T extends { id: number }>({ path, columns, filters, fixed, exportPath, exportName, toolbar, testId, empty, onRow }: Props<T>) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const all = { ...filter, ...fixed };
  const q = usePaged<T>(path, all, page);
  const set = (name: string, v: string | number | boolean | undefined) => { setFilter((f) => ({ ...f, [name]: v })); setPage((p) => ({ ...p, page: 1 })); };
  const control = (f: FilterDef) => {
    const id = `${testId}-${f.name}`;
    if (f.kind === 'search') return <Input.Search key={f.name} allowClear maxLength={50} placeholder={f.placeholder} style={{ width: 220 }} onSearch={(v) => set(f.name, v.trim() || undefined)} data-testid={id} />;
    if (f.kind === 'org') return <ScopeOrgPicker key={f.name} value={filter[f.name] as number | undefined} onChange={(v) => set(f.name, v)} placeholder={f.placeholder} style={{ width: 220 }} data-testid={id} />;
    if (f.kind === 'check') return <Checkbox key={f.name} checked={filter[f.name] === true} onChange={(e) => set(f.name, e.target.checked || undefined)} data-testid={id}>{f.placeholder}</Checkbox>;
    if (f.kind !== 'select') return null;
    return <Select key={f.name} allowClear placeholder={f.placeholder} style={{ width: 140 }} value={filter[f.name]} options={f.options} onChange={(v) => set(f.name, v)} data-testid={id} />;
  };
  return (
    <Flex vertical gap={12} data-testid={testId}>
      <Flex gap={8} wrap align="center">
        {filters.map(control)}
        <span style={{ flex: 1 }} />
        {toolbar}
        {exportPath && <ExportButton run={() => exportList(exportPath, all, exportName ?? 'export.xlsx')} testId={`${testId}-export`} />}
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<T>
          rowKey="id" size="middle" loading={q.isFetching} columns={columns} dataSource={q.data?.items ?? []}
          pagination={pagination(t, page, q.data?.total, setPage)} locale={{ emptyText: <Empty description={empty} /> }} scroll={{ x: 'max-content' }}
          onRow={onRow ? (r) => ({ onClick: () => onRow(r), style: { cursor: 'pointer' } }) : undefined}
        />
      )}
    </Flex>
  );
}
