import { useState } from 'react';
import { Button, DatePicker, Drawer, Empty, Form, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { FieldsModal, ListTable, useData, useSend, type Field } from './kit';
import { L, O, ROOT } from './OrgsTab';
import { BASE_LEVELS, type Base, type BaseDetail, type Incubation } from './types';

/** 孵化基地 at three levels (the level follows the org: district/city → government), with the organizations incubated there. */
export function BasesTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const create = useSend(ROOT, 'post', () => '/incubation-bases');
  const fields: Field[] = [
    { name: 'orgId', label: t('so.col.baseOrg'), kind: 'org', required: true, levels: ['city', 'district', 'street', 'community'] },
    { name: 'name', label: t('so.col.baseName'), kind: 'text', required: true, max: 100 },
    { name: 'address', label: t('so.col.address'), kind: 'text', max: 200 },
    { name: 'capacity', label: t('so.col.capacity'), kind: 'number', min: 1, max: 10000 },
  ];
  const columns: ColumnsType<Base> = [
    { title: t('so.col.baseName'), dataIndex: 'name', key: 'name', render: (v: string, b) => <a onClick={() => setOpen(b.id)} data-testid={`base-${b.id}-open`}>{v}</a> },
    { title: t('so.col.baseLevel'), dataIndex: 'level', key: 'level', render: (v: string) => L(t, 'baseLevel', v) },
    { title: t('so.col.baseOrg'), dataIndex: 'orgName', key: 'org' },
    { title: t('so.col.capacity'), dataIndex: 'capacity', key: 'cap', render: (v: number | null) => v ?? '—' },
    { title: t('so.col.incubatingCount'), dataIndex: 'incubating', key: 'inc', align: 'right' },
    { title: t('so.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{L(t, 'baseStatus', v)}</Tag> },
  ];
  return (
    <>
      <ListTable<Base> root={ROOT} path="/incubation-bases" columns={columns} testId="bases" empty={t('so.empty.bases')}
        filters={[{ name: 'q', kind: 'search', placeholder: t('so.col.baseName') }, { name: 'level', kind: 'select', placeholder: t('so.col.baseLevel'), options: O(t, 'baseLevel', BASE_LEVELS) }]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="base-create">{t('so.base.create')}</Button>} />
      <FieldsModal open={creating} title={t('so.base.create')} fields={fields} testId="base-form" savedText={t('so.saved')} requiredText={(f) => t('so.required', { field: f })}
        onSubmit={(v) => create.mutateAsync(v)} onClose={() => setCreating(false)} />
      {open !== null && <BaseDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function BaseDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const q = useData<BaseDetail>(ROOT, `/incubation-bases/${id}`);
  const [closing, setClosing] = useState<Incubation | null>(null);
  const patch = useSend(ROOT, 'patch', () => `/incubation-bases/${id}`);
  const b = q.data;
  return (
    <Drawer open width={760} onClose={onClose} title={b?.name ?? ''} data-testid="base-drawer"
      extra={b?.actions.includes('update') && <Button onClick={() => void patch.mutateAsync({ status: b.status === 'active' ? 'closed' : 'active' }).then(() => feedback.success(t('so.saved')), (e: unknown) => feedback.error(e))}>
        {b.status === 'active' ? t('so.base.close') : t('so.base.reopen')}</Button>}>
      {q.error ? <ErrorState error={q.error} /> : !b ? <PageSpinner /> : (
        <Table<Incubation> size="small" rowKey="id" pagination={false} dataSource={b.incubations} locale={{ emptyText: <Empty description={t('so.empty.incubations')} /> }} data-testid="base-incubations"
          columns={[
            { title: t('so.col.name'), dataIndex: 'socialOrgName', key: 'n' },
            { title: t('so.col.enteredOn'), dataIndex: 'enteredOn', key: 'e' },
            { title: t('so.col.exitedOn'), dataIndex: 'exitedOn', key: 'x', render: (v: string | null) => v ?? '—' },
            { title: t('so.col.status'), dataIndex: 'status', key: 's', render: (v: string) => L(t, 'incStatus', v) },
            { title: t('so.services'), dataIndex: 'services', key: 'sv', align: 'right' },
            { title: t('common.actions'), key: 'a', render: (_, i) => i.actions.includes('close') && <Button size="small" onClick={() => setClosing(i)} data-testid={`inc-${i.id}-close`}>{t('so.inc.close')}</Button> },
          ]} />
      )}
      <CloseModal inc={closing} onClose={() => setClosing(null)} />
    </Drawer>
  );
}

function CloseModal({ inc, onClose }: { inc: Incubation | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ status: string; exitedOn: Dayjs }>();
  const close = useSend<{ status: string; exitedOn: string }>(ROOT, 'post', () => `/incubations/${inc?.id}/close`);
  const submit = useFormSubmit(form, async (v) => {
    await close.mutateAsync({ status: v.status, exitedOn: v.exitedOn.format('YYYY-MM-DD') });
    feedback.success(t('so.saved'));
    onClose();
  });
  return (
    <Modal open={inc !== null} title={t('so.inc.close')} onCancel={onClose} onOk={submit} destroyOnHidden forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="status" label={t('so.col.status')} rules={[{ required: true, message: t('so.required', { field: t('so.col.status') }) }]}>
          <Select options={O(t, 'incStatus', ['graduated', 'exited'])} />
        </Form.Item>
        <Form.Item name="exitedOn" label={t('so.col.exitedOn')} rules={[{ required: true, message: t('so.required', { field: t('so.col.exitedOn') }) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      <Space />
    </Modal>
  );
}
