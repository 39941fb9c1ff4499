import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, Descriptions, Divider, Drawer, Empty, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { RevealValue } from '../../components/RevealValue';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import type { Paged } from '../../lib/api';
import { AccountPicker, FieldsModal, ListTable, revealValue, useData, useSend, type Field } from './kit';
import { L, O, ROOT, StatusTag, orgFields } from './OrgsTab';
import { DIMENSIONS, ORG_STATUSES, SERVICE_KINDS, type Assessment, type Base, type Service, type SocialOrgDetail } from './types';

const GrowthChart = lazy(() => import('./GrowthChart'));

/** One organization: registration facts with audited reveals, status, staff accounts, service area, incubation, services and growth assessments. */
export function OrgDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const q = useData<SocialOrgDetail>(ROOT, `/social-orgs/${id}`);
  const hist = useData<{ items: Assessment[] }>(ROOT, `/social-orgs/${id}/assessments`);
  const [dialog, setDialog] = useState<null | 'edit' | 'status' | 'service' | 'assess' | 'incubate'>(null);
  const [staffUser, setStaffUser] = useState<number>();
  const patch = useSend(ROOT, 'patch', () => `/social-orgs/${id}`);
  const status = useSend(ROOT, 'post', () => `/social-orgs/${id}/status`);
  const addStaff = useSend(ROOT, 'post', () => `/social-orgs/${id}/staff`);
  const removeStaff = useSend<{ userId: number }>(ROOT, 'post', () => `/social-orgs/${id}/staff/remove`);
  const service = useSend(ROOT, 'post', () => '/incubation-services', (v) => ({ ...v, socialOrgId: id }));
  const assess = useSend(ROOT, 'post', () => `/social-orgs/${id}/assessments`);
  const incubate = useSend(ROOT, 'post', () => '/incubations', (v) => ({ ...v, socialOrgId: id }));
  const bases = useData<Paged<Base>>(ROOT, '/incubation-bases', { pageSize: 100 }, dialog === 'incubate');
  const o = q.data;
  const can = (a: string) => !!o?.actions.includes(a);
  const editFields = useMemo(() => orgFields(t, true), [t]);
  const saved = t('so.saved');
  const req = (f: string) => t('so.required', { field: f });
  const serviceFields: Field[] = [
    { name: 'kind', label: t('so.col.serviceKind'), kind: 'select', required: true, options: O(t, 'kind', SERVICE_KINDS) },
    { name: 'providedOn', label: t('so.col.date'), kind: 'date', required: true },
    { name: 'provider', label: t('so.col.provider'), kind: 'text', required: true, max: 100 },
    { name: 'hours', label: t('so.col.hours'), kind: 'number', min: 0.1, max: 1000, step: 0.5 },
    { name: 'notes', label: t('so.col.notes'), kind: 'textarea', max: 1000 },
  ];
  const assessFields: Field[] = [
    { name: 'assessedOn', label: t('so.col.date'), kind: 'date', required: true },
    ...DIMENSIONS.map((d): Field => ({ name: d, label: t(`so.dim.${d}`), kind: 'number', required: true, min: 0, max: 100 })),
    { name: 'assessor', label: t('so.col.assessor'), kind: 'text', required: true, max: 100 },
    { name: 'notes', label: t('so.col.notes'), kind: 'textarea', max: 1000 },
  ];
  const incubateFields: Field[] = [
    { name: 'baseId', label: t('so.col.base'), kind: 'select', required: true, options: (bases.data?.items ?? []).filter((b) => b.status === 'active').map((b) => ({ value: b.id, label: `${b.name}（${L(t, 'baseLevel', b.level)}）` })) },
    { name: 'enteredOn', label: t('so.col.enteredOn'), kind: 'date', required: true },
    { name: 'note', label: t('so.col.notes'), kind: 'textarea', max: 500 },
  ];
  const setArea = (ids: number[]) => patch.mutateAsync({ areaOrgIds: ids }).then(() => feedback.success(saved), (e: unknown) => feedback.error(e));
  const secret = (field: string, masked: string | null) => (
    <RevealValue masked={masked} canReveal={can('reveal')} title={t('so.reveal')} onReveal={(reason) => revealValue(`/social-orgs/${id}/reveal`, { field, reason })} testId={`so-${field}`} />
  );
  return (
    <Drawer open width={860} onClose={onClose} title={o?.name ?? ''} destroyOnHidden data-testid="so-drawer"
      extra={o && <Space>
        {can('update') && <Button onClick={() => setDialog('edit')} data-testid="so-edit">{t('common.edit')}</Button>}
        {can('status') && <Button onClick={() => setDialog('status')} data-testid="so-status">{t('so.changeStatus')}</Button>}
      </Space>}>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : !o ? <PageSpinner /> : (
        <Flex vertical gap={8}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('so.col.filing')}>{L(t, 'filing', o.filing)}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.category')}>{L(t, 'category', o.category)}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.creditCode')}>{o.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.filingNo')}>{o.filingNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.org')}>{o.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.registeredOn')}>{o.registeredOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.legalPerson')}>{o.legalPersonName}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.legalPersonId')}>{secret('legalPersonId', o.legalPersonId)}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.legalPersonPhone')}>{secret('legalPersonPhone', o.legalPersonPhone)}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.contact')}>{o.contactName ?? '—'} {secret('contactPhone', o.contactPhone)}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.members')}>{o.memberCount}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.status')}><StatusTag t={t} v={o.status} /> {o.statusReason && <Typography.Text type="secondary">{o.statusReason}</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.address')} span={2}>{o.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('so.col.description')} span={2}>{o.description ?? '—'}</Descriptions.Item>
          </Descriptions>

          <Divider titlePlacement="start">{t('so.area')}</Divider>
          <Flex gap={8} wrap align="center" data-testid="so-area">
            {o.area.length === 0 && <Typography.Text type="secondary">{t('so.empty.area')}</Typography.Text>}
            {o.area.map((a) => <Tag key={a.orgId} closable={can('update')} onClose={(e) => { e.preventDefault(); void setArea(o.area.filter((x) => x.orgId !== a.orgId).map((x) => x.orgId)); }}>{a.name}</Tag>)}
            {can('update') && <ScopeOrgPicker levels={['street', 'community', 'grid']} placeholder={t('so.addArea')} style={{ width: 220 }} value={undefined}
              onChange={(v) => { if (v && !o.area.some((a) => a.orgId === v)) void setArea([...o.area.map((a) => a.orgId), v]); }} />}
          </Flex>

          <Divider titlePlacement="start">{t('so.staff')}</Divider>
          <Table size="small" rowKey="userId" pagination={false} dataSource={o.staff} locale={{ emptyText: <Empty description={t('so.empty.staff')} /> }} data-testid="so-staff"
            columns={[
              { title: t('so.col.staffName'), key: 'n', render: (_, s) => `${s.displayName}（${s.username}）` },
              { title: t('so.col.staffTitle'), dataIndex: 'title', key: 'title', render: (v: string | null) => v ?? '—' },
              { title: t('common.actions'), key: 'a', render: (_, s) => can('staff') && <Button size="small" danger onClick={() => void removeStaff.mutateAsync({ userId: s.userId }).catch((e: unknown) => feedback.error(e))}>{t('so.removeStaff')}</Button> },
            ]} />
          {can('staff') && <Space>
            <AccountPicker role="socialOrgStaff" value={staffUser} onChange={setStaffUser} testId="so-staff-pick" placeholder={t('so.pickStaff')} />
            <Button disabled={!staffUser} onClick={() => void addStaff.mutateAsync({ userId: staffUser }).then(() => { setStaffUser(undefined); feedback.success(saved); }, (e: unknown) => feedback.error(e))} data-testid="so-staff-add">{t('so.addStaff')}</Button>
          </Space>}

          <Divider titlePlacement="start">{t('so.services')}</Divider>
          <ListTable<Service> root={ROOT} path="/incubation-services" fixed={{ socialOrgId: id }} testId="so-services" empty={t('so.empty.services')} filters={[]}
            toolbar={<Space>
              {can('incubate') && !o.incubating && o.status === 'active' && <Button onClick={() => setDialog('incubate')} data-testid="so-incubate">{t('so.incubate')}</Button>}
              {can('service') && <Button onClick={() => setDialog('service')} data-testid="so-service-add">{t('so.addService')}</Button>}
            </Space>}
            columns={[
              { title: t('so.col.serviceKind'), dataIndex: 'kind', key: 'kind', render: (v: string) => L(t, 'kind', v) },
              { title: t('so.col.date'), dataIndex: 'providedOn', key: 'd' },
              { title: t('so.col.provider'), dataIndex: 'provider', key: 'p' },
              { title: t('so.col.hours'), dataIndex: 'hours', key: 'h', render: (v: number | null) => v ?? '—' },
              { title: t('so.col.notes'), dataIndex: 'notes', key: 'n', render: (v: string | null) => v ?? '—' },
            ]} />

          <Divider titlePlacement="start">{t('so.growth')}</Divider>
          {can('assess') && <Button style={{ alignSelf: 'flex-end' }} onClick={() => setDialog('assess')} data-testid="so-assess-add">{t('so.addAssessment')}</Button>}
          {(hist.data?.items.length ?? 0) === 0 ? <Empty description={t('so.empty.assessments')} /> : (
            <>
              <Suspense fallback={<PageSpinner />}><GrowthChart items={hist.data!.items} /></Suspense>
              <Table size="small" rowKey="id" pagination={false} dataSource={hist.data!.items} data-testid="so-assessments"
                columns={[
                  { title: t('so.col.date'), dataIndex: 'assessedOn', key: 'd' },
                  ...DIMENSIONS.map((d) => ({ title: t(`so.dim.${d}`), dataIndex: d, key: d })),
                  { title: t('so.assess.total'), dataIndex: 'total', key: 'total' },
                  { title: t('so.col.level'), dataIndex: 'level', key: 'level', render: (v: string) => L(t, 'level', v) },
                  { title: t('so.col.assessor'), dataIndex: 'assessor', key: 'a' },
                ]} />
            </>
          )}
        </Flex>
      )}
      {o && <>
        <FieldsModal open={dialog === 'edit'} title={t('so.edit')} fields={editFields} testId="so-edit-form" savedText={saved} requiredText={req}
          initial={{ name: o.name, filing: o.filing, category: o.category, creditCode: o.creditCode, filingNo: o.filingNo, registeredOn: o.registeredOn, legalPersonName: o.legalPersonName,
            contactName: o.contactName, address: o.address, memberCount: o.memberCount, description: o.description }}
          onSubmit={(v) => patch.mutateAsync(v)} onClose={() => setDialog(null)} />
        <StatusModal open={dialog === 'status'} current={o.status} onClose={() => setDialog(null)} onSubmit={(v) => status.mutateAsync(v)} />
        <FieldsModal open={dialog === 'service'} title={t('so.addService')} fields={serviceFields} testId="so-service-form" savedText={saved} requiredText={req}
          onSubmit={(v) => service.mutateAsync(v)} onClose={() => setDialog(null)} />
        <FieldsModal open={dialog === 'assess'} title={t('so.addAssessment')} fields={assessFields} testId="so-assess-form" savedText={saved} requiredText={req}
          onSubmit={(v) => assess.mutateAsync(v)} onClose={() => setDialog(null)} />
        <FieldsModal open={dialog === 'incubate'} title={t('so.incubate')} fields={incubateFields} testId="so-incubate-form" savedText={saved} requiredText={req}
          onSubmit={(v) => incubate.mutateAsync(v)} onClose={() => setDialog(null)} />
      </>}
    </Drawer>
  );
}

function StatusModal({ open, current, onClose, onSubmit }: { open: boolean; current: string; onClose: () => void; onSubmit: (v: { status: string; reason: string }) => Promise<unknown> }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ status: string; reason: string }>();
  const submit = useFormSubmit(form, async (v) => { await onSubmit(v); feedback.success(t('so.saved')); onClose(); });
  return (
    <Modal open={open} title={t('so.changeStatus')} onCancel={onClose} onOk={submit} destroyOnHidden forceRender okButtonProps={{ 'data-testid': 'so-status-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical">
        <Form.Item name="status" label={t('so.col.status')} rules={[{ required: true, message: t('so.required', { field: t('so.col.status') }) }]}>
          <Select options={O(t, 'status', ORG_STATUSES.filter((s) => s !== current))} data-testid="so-status-select" />
        </Form.Item>
        <Form.Item name="reason" label={t('so.col.reason')} rules={[{ required: true, whitespace: true, message: t('so.required', { field: t('so.col.reason') }) }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="so-status-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
