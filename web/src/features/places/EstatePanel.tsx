import { useState } from 'react';
import { Button, Card, Flex, Input, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useDeleteEstate, useEstates } from './api';
import { EstateFormModal } from './EstateFormModal';
import { PickList } from './PickList';
import type { Estate } from './types';

interface Props {
  orgId?: number;
  selected: Estate | null;
  onSelect: (e: Estate | null) => void;
  canCreate: boolean;
}

const PAGE_SIZE = 20;

/** Left column: the estates under the chosen org (all in scope when none), with create/edit/delete. */
export function EstatePanel({ orgId, selected, onSelect, canCreate }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Estate | null | undefined>(undefined);
  const query = useEstates({ q, orgId, page, pageSize: PAGE_SIZE });
  const del = useDeleteEstate();

  const onDelete = async (e: Estate) => {
    try {
      await del.mutateAsync(e.id);
      feedback.success(t('places.deleted'));
      if (selected?.id === e.id) onSelect(null);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card
      size="small"
      title={t('places.estates')}
      extra={
        canCreate && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="estate-create">
            {t('places.estate.create')}
          </Button>
        )
      }
    >
      <Input.Search
        allowClear
        size="small"
        placeholder={t('places.estate.search')}
        onSearch={(v) => {
          setQ(v.trim() || undefined);
          setPage(1);
        }}
        style={{ marginBottom: 8 }}
      />
      <PickList<Estate>
        items={query.data?.items ?? []}
        rowKey={(e) => e.id}
        selectedKey={selected?.id ?? null}
        onPick={onSelect}
        loading={query.isFetching}
        empty={query.isError ? t('error.loadFailed') : t('places.estate.empty')}
        testId="estate-list"
        rowTestId={(e) => `estate-${e.id}`}
        header={
          <a onClick={() => onSelect(null)} style={{ fontWeight: selected ? undefined : 600 }} data-testid="estate-all">
            {t('places.estate.all')}
          </a>
        }
        pagination={{ current: page, pageSize: PAGE_SIZE, total: query.data?.total ?? 0, onChange: setPage }}
        render={(e) => (
          <Flex justify="space-between" align="start" gap={4}>
            <div style={{ minWidth: 0 }}>
              <div style={{ fontWeight: selected?.id === e.id ? 600 : undefined }}>{e.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.orgName} · {t('places.estate.counts', { buildings: e.buildingCount, households: e.householdCount })}
              </Typography.Text>
            </div>
            <Space size={0} onClick={(ev) => ev.stopPropagation()}>
              {e.actions.includes('update') && (
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(e)}
                  data-testid={`estate-edit-${e.id}`} />
              )}
              {e.actions.includes('delete') && (
                <Popconfirm title={t('places.estate.deleteConfirm', { name: e.name })} onConfirm={() => void onDelete(e)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')}
                    data-testid={`estate-delete-${e.id}`} />
                </Popconfirm>
              )}
            </Space>
          </Flex>
        )}
      />
      {editing !== undefined && (
        <EstateFormModal estate={editing} defaultOrgId={orgId} onClose={() => setEditing(undefined)} onSaved={(e) => onSelect(e)} />
      )}
    </Card>
  );
}
