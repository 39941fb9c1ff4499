import { useMemo, useState } from 'react';
import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { RevealValue } from '../../components/RevealValue';
import { useT } from '../../lib/i18n';
import { reveal, useWrite } from './api';
import { FormModal, type Field } from './FormModal';
import { label, options, StatusTag } from './labels';
import { PagedList } from './PagedList';
import { UNIT_KINDS, type PartnerUnit } from './types';

/** 共建单位: agencies, enterprises, schools; masked contact phone with audited reveal; Excel. */
export function UnitsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<PartnerUnit | null>();
  const create = useWrite<Record<string, unknown>>('post', () => '/partner-units');
  const update = useWrite<Record<string, unknown>>('patch', () => `/partner-units/${editing?.id}`);
  const fields = useMemo<Field[]>(() => [
    ...(editing ? [] : [{ name: 'orgId', label: t('partners.col.org'), kind: 'org' as const, required: true, levels: ['street', 'community'] as const }]),
    { name: 'name', label: t('partners.col.unitName'), kind: 'text', required: true, max: 100 },
    { name: 'kind', label: t('partners.col.kind'), kind: 'select', required: true, options: options(t, 'unitKind', UNIT_KINDS) },
    { name: 'contactName', label: t('partners.col.contact'), kind: 'text', max: 50 },
    { name: 'contactPhone', label: t('partners.col.phone'), kind: 'text', max: 20, keepIfEmpty: true, placeholder: editing ? t('partners.phoneKeep') : undefined },
    { name: 'address', label: t('partners.col.address'), kind: 'text', max: 200 },
    ...(editing ? [{ name: 'status', label: t('partners.col.status'), kind: 'select' as const, options: options(t, 'unitStatus', ['active', 'inactive']) }] : []),
  ], [t, editing]);
  const columns: ColumnsType<PartnerUnit> = [
    { title: t('partners.col.unitName'), dataIndex: 'name', key: 'name' },
    { title: t('partners.col.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => label(t, 'unitKind', v) },
    { title: t('partners.col.contact'), dataIndex: 'contactName', key: 'contactName', render: (v: string | null) => v ?? '—' },
    { title: t('partners.col.phone'), key: 'phone', render: (_, u) => (
      <RevealValue masked={u.contactPhone} canReveal={u.actions.includes('reveal')} title={t('partners.revealPhone')} onReveal={(r) => reveal(`/partner-units/${u.id}/reveal`, r)} testId={`unit-${u.id}-phone`} />
    ) },
    { title: t('partners.col.org'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.activeContracts'), dataIndex: 'activeContracts', key: 'activeContracts', align: 'right' },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="unitStatus" value={v} /> },
    { title: t('common.actions'), key: 'a', render: (_, u) => (
      <Space>{u.actions.includes('update') && <Button size="small" onClick={() => setEditing(u)} data-testid={`unit-${u.id}-edit`}>{t('common.edit')}</Button>}</Space>
    ) },
  ];
  return (
    <>
      <PagedList<PartnerUnit>
        path="/partner-units" exportPath="/partner-units/export.xlsx" exportName={t('partners.file.units')} columns={columns} testId="partner-units"
        empty={t('partners.empty.units')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('partners.filter.unitQ') },
          { name: 'orgId', kind: 'org', placeholder: t('partners.filter.org') },
          { name: 'kind', kind: 'select', placeholder: t('partners.col.kind'), options: options(t, 'unitKind', UNIT_KINDS) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="unit-create">{t('partners.unit.create')}</Button>}
      />
      <FormModal
        open={editing !== undefined} title={editing ? t('partners.unit.edit') : t('partners.unit.create')} fields={fields} testId="unit-form"
        initial={editing ? { name: editing.name, kind: editing.kind, contactName: editing.contactName, address: editing.address, status: editing.status } : undefined}
        onSubmit={(v) => (editing ? update.mutateAsync(v) : create.mutateAsync(v))} onClose={() => setEditing(undefined)}
      />
    </>
  );
}
