import { useMemo, useState } from 'react';
import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { RevealValue } from '../../components/RevealValue';
import { useT } from '../../lib/i18n';
import { reveal, useWrite } from './api';
import { FormModal, type Field } from './FormModal';
import { options, StatusTag } from './labels';
import { PagedList } from './PagedList';
import { MEMBER_STATUSES, type PartyMember } from './types';

/** 在职党员双报到: register, approve, link a resident account, masked phone with audited reveal, Excel. */
export function MembersTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<PartyMember | null>();
  const create = useWrite<Record<string, unknown>>('post', () => '/party-members');
  const update = useWrite<Record<string, unknown>>('patch', () => `/party-members/${editing?.id}`);
  const approve = useWrite<number>('patch', (id) => `/party-members/${id}`, () => ({ status: 'active' }));
  const fields = useMemo<Field[]>(() => [
    ...(editing ? [] : [{ name: 'orgId', label: t('partners.col.community'), kind: 'org' as const, required: true, levels: ['community'] as const }]),
    { name: 'name', label: t('partners.col.name'), kind: 'text', required: true, max: 50 },
    { name: 'phone', label: t('partners.col.phone'), kind: 'text', max: 20, placeholder: editing ? t('partners.phoneKeep') : undefined, keepIfEmpty: true },
    { name: 'workUnit', label: t('partners.col.workUnit'), kind: 'text', required: true, max: 100 },
    { name: 'partyOrg', label: t('partners.col.partyOrg'), kind: 'text', required: true, max: 100 },
    { name: 'userId', label: t('partners.col.userId'), kind: 'number', min: 1 },
    ...(editing ? [] : [{ name: 'reportedOn', label: t('partners.col.reportedOn'), kind: 'date' as const }]),
    { name: 'status', label: t('partners.col.status'), kind: 'select', options: options(t, 'memberStatus', MEMBER_STATUSES) },
  ], [t, editing]);

  const columns: ColumnsType<PartyMember> = [
    { title: t('partners.col.name'), dataIndex: 'name', key: 'name' },
    { title: t('partners.col.phone'), key: 'phone', render: (_, m) => (
      <RevealValue masked={m.phone} canReveal={m.actions.includes('reveal')} title={t('partners.revealPhone')} onReveal={(r) => reveal(`/party-members/${m.id}/reveal`, r)} testId={`member-${m.id}-phone`} />
    ) },
    { title: t('partners.col.workUnit'), dataIndex: 'workUnit', key: 'workUnit' },
    { title: t('partners.col.partyOrg'), dataIndex: 'partyOrg', key: 'partyOrg' },
    { title: t('partners.col.community'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.reportedOn'), dataIndex: 'reportedOn', key: 'reportedOn', width: 120 },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="memberStatus" value={v} /> },
    { title: t('common.actions'), key: 'a', render: (_, m) => (
      <Space>
        {m.actions.includes('update') && <Button size="small" onClick={() => setEditing(m)} data-testid={`member-${m.id}-edit`}>{t('common.edit')}</Button>}
        {m.actions.includes('update') && m.status === 'pending' && (
          <Button size="small" type="primary" loading={approve.isPending} onClick={() => approve.mutate(m.id)} data-testid={`member-${m.id}-approve`}>
            {t('partners.approve')}
          </Button>
        )}
      </Space>
    ) },
  ];
  return (
    <>
      <PagedList<PartyMember>
        path="/party-members" exportPath="/party-members/export.xlsx" exportName={t('partners.file.members')} columns={columns} testId="partner-members"
        empty={t('partners.empty.members')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('partners.filter.memberQ') },
          { name: 'orgId', kind: 'org', placeholder: t('partners.filter.org') },
          { name: 'status', kind: 'select', placeholder: t('partners.col.status'), options: options(t, 'memberStatus', MEMBER_STATUSES) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="member-create">{t('partners.member.create')}</Button>}
      />
      <FormModal
        open={editing !== undefined} title={editing ? t('partners.member.edit') : t('partners.member.create')} fields={fields} testId="member-form"
        initial={editing ? { name: editing.name, workUnit: editing.workUnit, partyOrg: editing.partyOrg, userId: editing.userId, status: editing.status } : undefined}
        onSubmit={(v) => (editing ? update.mutateAsync(v) : create.mutateAsync(v))} onClose={() => setEditing(undefined)}
      />
    </>
  );
}
