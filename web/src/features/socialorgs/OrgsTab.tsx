import { useMemo, useState } from 'react';
import { Button, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../lib/i18n';
import { enumLabel, enumOptions, FieldsModal, ListTable, useSend, type Field, type T } from './kit';
import { OrgDrawer } from './OrgDrawer';
import { CATEGORIES, FILINGS, ORG_STATUSES, type SocialOrg } from './types';

export const ROOT = 'socialorgs';
export const L = (t: T, group: string, v: string) => enumLabel(t, 'so', group, v);
export const O = (t: T, group: string, vs: readonly string[]) => enumOptions(t, 'so', group, vs);
const STATUS_COLOR: Record<string, string> = { active: 'green', suspended: 'orange', deregistered: 'default' };
export const StatusTag = ({ t, v }: { t: T; v: string }) => <Tag color={STATUS_COLOR[v]}>{L(t, 'status', v)}</Tag>;

/** The fields of an organization's create/edit dialog. */
export function orgFields(t: T, editing: boolean): Field[] {
  return [
    ...(editing ? [] : [{ name: 'orgId', label: t('so.col.org'), kind: 'org' as const, required: true, levels: ['street', 'community'] as const }]),
    { name: 'name', label: t('so.col.name'), kind: 'text', required: true, max: 100 },
    { name: 'filing', label: t('so.col.filing'), kind: 'select', required: true, options: O(t, 'filing', FILINGS) },
    { name: 'category', label: t('so.col.category'), kind: 'select', required: true, options: O(t, 'category', CATEGORIES) },
    { name: 'creditCode', label: t('so.col.creditCode'), kind: 'text', max: 18, placeholder: t('so.hint.creditCode') },
    { name: 'filingNo', label: t('so.col.filingNo'), kind: 'text', max: 50 },
    { name: 'registeredOn', label: t('so.col.registeredOn'), kind: 'date' },
    { name: 'legalPersonName', label: t('so.col.legalPerson'), kind: 'text', required: true, max: 50 },
    { name: 'legalPersonId', label: t('so.col.legalPersonId'), kind: 'text', max: 18, keepIfEmpty: true, placeholder: editing ? t('so.hint.keep') : undefined },
    { name: 'legalPersonPhone', label: t('so.col.legalPersonPhone'), kind: 'text', max: 20, keepIfEmpty: true, placeholder: editing ? t('so.hint.keep') : undefined },
    { name: 'contactName', label: t('so.col.contact'), kind: 'text', max: 50 },
    { name: 'contactPhone', label: t('so.col.contactPhone'), kind: 'text', max: 20, keepIfEmpty: true, placeholder: editing ? t('so.hint.keep') : undefined },
    { name: 'address', label: t('so.col.address'), kind: 'text', max: 200 },
    { name: 'memberCount', label: t('so.col.members'), kind: 'number', min: 0, max: 100000 },
    { name: 'description', label: t('so.col.description'), kind: 'textarea', max: 2000 },
  ];
}

/** 社会组织名录: search, filters, Excel; a row opens the organization. */
export function OrgsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const create = useSend(ROOT, 'post', () => '/social-orgs');
  const fields = useMemo(() => orgFields(t, false), [t]);
  const columns: ColumnsType<SocialOrg> = [
    { title: t('so.col.name'), dataIndex: 'name', key: 'name', render: (v: string, r) => <a onClick={() => setOpen(r.id)} data-testid={`so-${r.id}-open`}>{v}</a> },
    { title: t('so.col.filing'), dataIndex: 'filing', key: 'filing', render: (v: string) => L(t, 'filing', v) },
    { title: t('so.col.category'), dataIndex: 'category', key: 'category', render: (v: string) => L(t, 'category', v) },
    { title: t('so.col.creditCode'), key: 'code', render: (_, r) => r.creditCode ?? r.filingNo ?? '—' },
    { title: t('so.col.org'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('so.col.legalPerson'), dataIndex: 'legalPersonName', key: 'lp' },
    { title: t('so.col.members'), dataIndex: 'memberCount', key: 'members', align: 'right' },
    { title: t('so.col.staff'), dataIndex: 'staffCount', key: 'staff', align: 'right' },
    { title: t('so.col.incubating'), dataIndex: 'incubating', key: 'inc', render: (v: boolean) => (v ? <Tag color="blue">{t('so.incubating')}</Tag> : '—') },
    { title: t('so.col.level'), dataIndex: 'latestLevel', key: 'level', render: (v: string | null) => (v ? L(t, 'level', v) : '—') },
    { title: t('so.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} v={v} /> },
  ];
  return (
    <>
      <ListTable<SocialOrg>
        root={ROOT} path="/social-orgs" exportPath="/social-orgs/export.xlsx" exportName={t('so.file.orgs')} columns={columns} testId="social-orgs" empty={t('so.empty.orgs')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('so.filter.q') },
          { name: 'orgId', kind: 'org', placeholder: t('so.filter.org') },
          { name: 'filing', kind: 'select', placeholder: t('so.col.filing'), options: O(t, 'filing', FILINGS) },
          { name: 'category', kind: 'select', placeholder: t('so.col.category'), options: O(t, 'category', CATEGORIES) },
          { name: 'status', kind: 'select', placeholder: t('so.col.status'), options: O(t, 'status', ORG_STATUSES) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="so-create">{t('so.create')}</Button>}
      />
      <FieldsModal open={creating} title={t('so.create')} fields={fields} testId="so-form" savedText={t('so.saved')} requiredText={(f) => t('so.required', { field: f })}
        onSubmit={(v) => create.mutateAsync(v)} onClose={() => setCreating(false)} />
      <Space>{open !== null && <OrgDrawer id={open} onClose={() => setOpen(null)} />}</Space>
    </>
  );
}
