import { useMemo, useState } from 'react';
import { Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { RevealValue } from '../../components/RevealValue';
import { useT } from '../../lib/i18n';
import type { Paged } from '../../lib/api';
import { enumLabel, enumOptions, FieldsModal, ListTable, revealValue, useData, useSend, type Field, type T } from '../socialorgs/kit';
import { CERT_LEVELS, type SocialWorker, type Station } from './types';

export const ROOT = 'workforce';
export const L = (t: T, group: string, v: string) => enumLabel(t, 'wf', group, v);
export const O = (t: T, group: string, vs: readonly string[]) => enumOptions(t, 'wf', group, vs);
export const modalText = (t: T) => ({ savedText: t('wf.saved'), requiredText: (f: string) => t('wf.required', { field: f }) });

/** 社工站 at street and community level. */
export function StationsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<Station | null>();
  const create = useSend(ROOT, 'post', () => '/social-work-stations');
  const update = useSend(ROOT, 'patch', () => `/social-work-stations/${editing?.id}`);
  const fields = useMemo<Field[]>(() => [
    ...(editing ? [] : [{ name: 'orgId', label: t('wf.col.org'), kind: 'org' as const, required: true, levels: ['street', 'community'] as const }]),
    { name: 'name', label: t('wf.col.station'), kind: 'text', required: true, max: 100 },
    { name: 'address', label: t('wf.col.address'), kind: 'text', max: 200 },
    { name: 'openedOn', label: t('wf.col.openedOn'), kind: 'date' },
    ...(editing ? [{ name: 'status', label: t('wf.col.status'), kind: 'select' as const, options: O(t, 'stationStatus', ['active', 'closed']) }] : []),
  ], [t, editing]);
  const columns: ColumnsType<Station> = [
    { title: t('wf.col.station'), dataIndex: 'name', key: 'name' },
    { title: t('wf.col.level'), dataIndex: 'level', key: 'level', render: (v: string) => L(t, 'level', v) },
    { title: t('wf.col.org'), dataIndex: 'orgName', key: 'org' },
    { title: t('wf.col.address'), dataIndex: 'address', key: 'a', render: (v: string | null) => v ?? '—' },
    { title: t('wf.col.workers'), dataIndex: 'workers', key: 'w', align: 'right' },
    { title: t('wf.col.status'), dataIndex: 'status', key: 's', render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{L(t, 'stationStatus', v)}</Tag> },
    { title: t('common.actions'), key: 'x', render: (_, s) => s.actions.includes('update') && <Button size="small" onClick={() => setEditing(s)}>{t('common.edit')}</Button> },
  ];
  return (
    <>
      <ListTable<Station> root={ROOT} path="/social-work-stations" exportPath="/social-work-stations/export.xlsx" exportName={t('wf.file.stations')} columns={columns} testId="stations"
        empty={t('wf.empty.stations')} filters={[{ name: 'q', kind: 'search', placeholder: t('wf.col.station') }, { name: 'orgId', kind: 'org', placeholder: t('wf.col.org') }]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="station-create">{t('wf.station.create')}</Button>} />
      <FieldsModal open={editing !== undefined} title={editing ? t('wf.station.edit') : t('wf.station.create')} fields={fields} testId="station-form" {...modalText(t)}
        initial={editing ? { name: editing.name, address: editing.address, openedOn: editing.openedOn, status: editing.status } : undefined}
        onSubmit={(v) => (editing ? update.mutateAsync(v) : create.mutateAsync(v))} onClose={() => setEditing(undefined)} />
    </>
  );
}

/** Fields every certificate carries. */
export const certFields = (t: T): Field[] => [
  { name: 'certLevel', label: t('wf.col.cert'), kind: 'select', options: O(t, 'cert', CERT_LEVELS) },
  { name: 'certNo', label: t('wf.col.certNo'), kind: 'text', max: 50 },
  { name: 'certOn', label: t('wf.col.certOn'), kind: 'date' },
];

/** 专业社工 with certificates, station and masked phone. */
export function SocialWorkersTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<SocialWorker | null>();
  const create = useSend(ROOT, 'post', () => '/social-workers');
  const update = useSend(ROOT, 'patch', () => `/social-workers/${editing?.id}`);
  const stations = useData<Paged<Station>>(ROOT, '/social-work-stations', { status: 'active', pageSize: 200 }, editing !== undefined);
  const fields = useMemo<Field[]>(() => [
    ...(editing ? [] : [{ name: 'orgId', label: t('wf.col.org'), kind: 'org' as const, required: true, levels: ['street', 'community'] as const }]),
    { name: 'name', label: t('wf.col.name'), kind: 'text', required: true, max: 50 },
    { name: 'stationId', label: t('wf.col.station'), kind: 'select', options: (stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })) },
    { name: 'employer', label: t('wf.col.employer'), kind: 'text', max: 100 },
    { name: 'phone', label: t('wf.col.phone'), kind: 'text', max: 20, keepIfEmpty: true, placeholder: editing ? t('wf.hint.keep') : undefined },
    ...certFields(t),
    ...(editing ? [{ name: 'status', label: t('wf.col.status'), kind: 'select' as const, options: O(t, 'status', ['active', 'left']) }] : []),
  ], [t, editing, stations.data]);
  const columns: ColumnsType<SocialWorker> = [
    { title: t('wf.col.name'), dataIndex: 'name', key: 'name' },
    { title: t('wf.col.org'), dataIndex: 'orgName', key: 'org' },
    { title: t('wf.col.station'), dataIndex: 'stationName', key: 'st', render: (v: string | null) => v ?? '—' },
    { title: t('wf.col.employer'), dataIndex: 'employer', key: 'e', render: (v: string | null) => v ?? '—' },
    { title: t('wf.col.cert'), dataIndex: 'certLevel', key: 'c', render: (v: string) => L(t, 'cert', v) },
    { title: t('wf.col.certNo'), dataIndex: 'certNo', key: 'cn', render: (v: string | null) => v ?? '—' },
    { title: t('wf.col.phone'), key: 'p', render: (_, w) => <RevealValue masked={w.phone} canReveal={w.actions.includes('reveal')} title={t('wf.reveal')} onReveal={(reason) => revealValue(`/social-workers/${w.id}/reveal`, { reason })} /> },
    { title: t('wf.col.status'), dataIndex: 'status', key: 's', render: (v: string) => L(t, 'status', v) },
    { title: t('common.actions'), key: 'x', render: (_, w) => w.actions.includes('update') && <Button size="small" onClick={() => setEditing(w)}>{t('common.edit')}</Button> },
  ];
  return (
    <>
      <ListTable<SocialWorker> root={ROOT} path="/social-workers" exportPath="/social-workers/export.xlsx" exportName={t('wf.file.socialWorkers')} columns={columns} testId="social-workers"
        empty={t('wf.empty.socialWorkers')}
        filters={[{ name: 'q', kind: 'search', placeholder: t('wf.filter.worker') }, { name: 'orgId', kind: 'org', placeholder: t('wf.col.org') }, { name: 'certLevel', kind: 'select', placeholder: t('wf.col.cert'), options: O(t, 'cert', CERT_LEVELS) }]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="sw-create">{t('wf.sw.create')}</Button>} />
      <FieldsModal open={editing !== undefined} title={editing ? t('wf.sw.edit') : t('wf.sw.create')} fields={fields} testId="sw-form" {...modalText(t)}
        initial={editing ? { name: editing.name, stationId: editing.stationId, employer: editing.employer, certLevel: editing.certLevel, certNo: editing.certNo, certOn: editing.certOn, status: editing.status } : undefined}
        onSubmit={(v) => (editing ? update.mutateAsync(v) : create.mutateAsync(v))} onClose={() => setEditing(undefined)} />
    </>
  );
}
