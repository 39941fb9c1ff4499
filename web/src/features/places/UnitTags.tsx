import { useState } from 'react';
import { Button, Space, Spin, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useDeleteUnit, useUnits } from './api';
import { UnitFormModal } from './UnitFormModal';
import type { Building, Unit } from './types';

/** The units of a building as selectable tags; the selected one can be renamed or deleted. */
export function UnitTags({ building, unitId, onSelect }: { building: Building; unitId?: number; onSelect: (id?: number) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const query = useUnits(building.id);
  const del = useDeleteUnit();
  const [editing, setEditing] = useState<Unit | null | undefined>(undefined);
  const selected = query.data?.items.find((u) => u.id === unitId);

  const onDelete = (u: Unit) =>
    feedback.modal.confirm({
      title: t('places.unit.deleteConfirm', { name: u.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await del.mutateAsync(u.id);
          feedback.success(t('places.deleted'));
          if (unitId === u.id) onSelect(undefined);
        } catch (err) {
          feedback.error(err);
        }
      },
    });

  return (
    <div style={{ marginTop: 8 }} data-testid={`units-of-${building.id}`}>
      {query.isPending ? (
        <Spin size="small" />
      ) : (
        <Space size={[4, 8]} wrap>
          {(query.data?.items ?? []).map((u) => (
            <Tag.CheckableTag
              key={u.id}
              checked={u.id === unitId}
              onChange={(on) => onSelect(on ? u.id : undefined)}
              data-testid={`unit-${u.id}`}
            >
              {u.name} · {u.householdCount}
            </Tag.CheckableTag>
          ))}
          {building.actions.includes('create_child') && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="unit-create">
              {t('places.unit.create')}
            </Button>
          )}
          {selected?.actions.includes('update') && (
            <Button size="small" type="link" onClick={() => setEditing(selected)}>
              {t('places.unit.edit')}
            </Button>
          )}
          {selected?.actions.includes('delete') && (
            <Button size="small" type="link" danger onClick={() => onDelete(selected)}>
              {t('places.unit.delete')}
            </Button>
          )}
        </Space>
      )}
      {editing !== undefined && <UnitFormModal building={building} unit={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
