import { useState } from 'react';
import { Button, Card, Empty, Flex, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useBuildings, useDeleteBuilding } from './api';
import { BuildingFormModal } from './BuildingFormModal';
import { PickList } from './PickList';
import { UnitTags } from './UnitTags';
import type { Building, Estate } from './types';

interface Props {
  estate: Estate | null;
  buildingId?: number;
  unitId?: number;
  onSelect: (buildingId?: number, unitId?: number) => void;
}

/** Middle column: the buildings of the chosen estate; the chosen building shows its units. */
export function BuildingPanel({ estate, buildingId, unitId, onSelect }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const query = useBuildings(estate?.id);
  const del = useDeleteBuilding();
  const [editing, setEditing] = useState<Building | null | undefined>(undefined);

  if (!estate) {
    return (
      <Card size="small" title={t('places.buildings')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('places.building.pickEstate')} />
      </Card>
    );
  }
  const canCreate = estate.actions.includes('create_child');
  const onDelete = async (b: Building) => {
    try {
      await del.mutateAsync(b.id);
      feedback.success(t('places.deleted'));
      if (buildingId === b.id) onSelect(undefined);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card
      size="small"
      title={t('places.buildingsOf', { estate: estate.name })}
      extra={
        canCreate && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="building-create">
            {t('places.building.create')}
          </Button>
        )
      }
    >
      <PickList<Building>
        items={query.data?.items ?? []}
        rowKey={(b) => b.id}
        selectedKey={buildingId ?? null}
        onPick={(b) => onSelect(b.id === buildingId ? undefined : b.id)}
        loading={query.isFetching}
        empty={query.isError ? t('error.loadFailed') : t('places.building.empty')}
        testId="building-list"
        rowTestId={(b) => `building-${b.id}`}
        render={(b) => (
          <>
            <Flex justify="space-between" align="center" gap={4}>
              <span style={{ fontWeight: b.id === buildingId ? 600 : undefined }}>{b.name}</span>
              <Space size={0} onClick={(ev) => ev.stopPropagation()}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('places.building.counts', { units: b.unitCount, households: b.householdCount })}
                </Typography.Text>
                {b.actions.includes('update') && (
                  <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(b)} />
                )}
                {b.actions.includes('delete') && (
                  <Popconfirm title={t('places.building.deleteConfirm', { name: b.name })} onConfirm={() => void onDelete(b)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Space>
            </Flex>
            {b.id === buildingId && (
              <div onClick={(ev) => ev.stopPropagation()}>
                <UnitTags building={b} unitId={unitId} onSelect={(u) => onSelect(b.id, u)} />
              </div>
            )}
          </>
        )}
      />
      {editing !== undefined && <BuildingFormModal estate={estate} building={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
