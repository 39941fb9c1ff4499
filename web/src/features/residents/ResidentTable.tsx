import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import type { Labels } from './meta';
import { ResidentTags, StatusTag } from './ResidentTags';
import type { Resident, ResidentPage } from './types';

interface Props {
  data: ResidentPage | undefined;
  loading: boolean;
  error: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  labels: Labels;
}

export function ResidentTable({ data, loading, error, page, pageSize, onPage, labels }: Props) {
  const t = useT();
  const columns: TableColumnsType<Resident> = [
    {
      title: t('residents.field.name'),
      key: 'name',
      fixed: 'left',
      render: (_, r) => (
        <Link to={`/app/residents/${r.id}`} data-testid={`resident-link-${r.id}`}>
          {r.nameMasked}
        </Link>
      ),
    },
    { title: t('residents.field.gender'), dataIndex: 'gender', render: (g: string) => labels.label('genders', g) },
    {
      title: t('residents.field.age'),
      key: 'age',
      render: (_, r) => (r.age !== null ? r.age : '—'),
    },
    { title: t('residents.field.idNumber'), dataIndex: 'idMasked', render: (v: string | null) => v ?? '—' },
    { title: t('residents.field.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
    { title: t('residents.field.tags'), key: 'tags', render: (_, r) => <ResidentTags tags={r.tags} labels={labels} /> },
    {
      title: t('residents.field.household'),
      key: 'household',
      ellipsis: true,
      render: (_, r) =>
        r.householdId ? (
          <Link to={`/app/places/households/${r.householdId}`}>{r.householdPlace ?? `#${r.householdId}`}</Link>
        ) : (
          <Typography.Text type="secondary">{t('residents.noHousehold')}</Typography.Text>
        ),
    },
    { title: t('residents.field.registrationType'), dataIndex: 'registrationType', responsive: ['lg'], render: (v: string) => labels.label('registrationTypes', v) },
    { title: t('residents.field.org'), dataIndex: 'orgName', responsive: ['xl'], ellipsis: true },
    { title: t('residents.field.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} labels={labels} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Link to={`/app/residents/${r.id}`} data-testid={`resident-open-${r.id}`}>
          {t('residents.open')}
        </Link>
      ),
    },
  ];
  const total = data?.total ?? 0;
  return (
    <Table<Resident>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      data-testid="resident-table"
      locale={{ emptyText: error ? t('error.loadFailed') : t('residents.empty') }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => (data && !data.totalExact ? t('residents.totalAtLeast', { total: n }) : t('common.total', { total: n })),
        onChange: (p, size) => onPage(size !== pageSize ? 1 : p, size),
      }}
    />
  );
}
