import { pagination } from '../../components/pagination';
import { useState } from 'react';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { exportHouseholds, useHouseholds, type PlaceLabels } from './api';
import { HouseholdFormModal } from './HouseholdFormModal';
import type { Household, HouseholdFilter } from './types';

interface Props {
  /** org/estate/building/unit chosen on the page */
  scope: Omit<HouseholdFilter, 'q'>;
  canCreate: boolean;
  labels: PlaceLabels;
  /** A grid/community chosen on the page preselects the new household's org. */
  defaultOrgId?: number;
}

export function HouseholdPanel({ scope, canCreate, labels, defaultOrgId }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Household | null | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const filter: HouseholdFilter = { ...scope, q };
  const query = useHouseholds({ ...filter, ...page });
  const [lastScope, setLastScope] = useState(scope);
  if (JSON.stringify(lastScope) !== JSON.stringify(scope)) {
    setLastScope(scope);
    setPage((p) => ({ ...p, page: 1 }));
  }

  const onExport = async () => {
    setExporting(true);
    try {
      await exportHouseholds(filter);
      feedback.success(t('common.exported'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Household> = [
    {
      title: t('places.household.address'),
      key: 'address',
      fixed: 'left',
      render: (_, h) => <Link to={`/app/places/households/${h.id}`} data-testid={`household-link-${h.id}`}>{h.addressMasked}</Link>,
    },
    { title: t('places.org'), dataIndex: 'orgName', ellipsis: true, responsive: ['xxl'] },
    { title: t('places.household.head'), dataIndex: 'headNameMasked', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('places.household.members'), dataIndex: 'memberCount', width: 80 },
    { title: t('places.household.area'), dataIndex: 'areaSqm', responsive: ['xl'], render: (v: number | null) => (v !== null ? `${v} ㎡` : '—') },
    { title: t('places.household.tenure'), dataIndex: 'tenure', responsive: ['xl'], render: (v: string | null) => labels.label('tenures', v) },
    {
      title: t('places.household.status'),
      dataIndex: 'status',
      render: (s: string) => (s === 'active' ? <Tag color="green">{t('places.household.active')}</Tag> : <Tag>{t('places.household.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, h) => (
        <Space size={4}>
          <Link to={`/app/places/households/${h.id}`}>{t('places.open')}</Link>
          {h.actions.includes('update') && (
            <Button size="small" type="link" onClick={() => setEditing(h)} data-testid={`household-edit-${h.id}`}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const defaults = {
    orgId: defaultOrgId,
    estateId: scope.estateId,
    buildingId: scope.buildingId,
    unitId: scope.unitId,
  };

  return (
    <Card
      size="small"
      title={t('places.households')}
      extra={
        <Space wrap>
          <Button size="small" icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="household-export">
            {t('common.exportExcel')}
          </Button>
          {canCreate && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="household-create">
              {t('places.household.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Input.Search
        allowClear
        size="small"
        placeholder={t('places.household.search')}
        maxLength={50}
        onSearch={(v) => {
          setQ(v.trim() || undefined);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ marginBottom: 8, maxWidth: 320 }}
        data-testid="household-search"
      />
      <Table<Household>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="household-table"
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('places.household.empty') }}
        pagination={pagination(t, page, query.data?.total, setPage, { size: 'small' })}
      />
      {editing !== undefined && (
        <HouseholdFormModal household={editing} defaults={editing ? undefined : defaults} labels={labels} onClose={() => setEditing(undefined)} />
      )}
    </Card>
  );
}
