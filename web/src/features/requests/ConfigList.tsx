import { Button, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { pagination, type PageState } from '../../components/pagination';
import type { Paged } from '../../lib/api';
import { useT } from '../../lib/i18n';

interface Props<T> {
  intro: string;
  createLabel: string;
  onCreate: () => void;
  columns: TableColumnsType<T>;
  query: UseQueryResult<Paged<T>>;
  page: PageState;
  onPage: (next: PageState) => void;
  empty: string;
  testId: string;
}

/** A settings list: what it is for, a create button, and the paged table. */
export function ConfigList<T extends { id: number }>({ intro, createLabel, onCreate, columns, query, page, onPage, empty, testId }: Props<T>) {
  const t = useT();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{intro}</Typography.Paragraph>
      <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={`${testId}-create`}>{createLabel}</Button>
      <Table<T>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : empty }}
        pagination={pagination(t, page, query.data?.total, onPage)}
        data-testid={`${testId}-table`}
      />
    </Space>
  );
}
