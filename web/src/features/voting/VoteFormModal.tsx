import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { createVote, previewElectorate, useBodies, useBuildings, useEstates, useVoteWrite } from './api';
import type { ElectorateInput, Method, ThresholdBase, VoteInput } from './types';

interface Values {
  orgId: number; title: string; description?: string; kind: 'body' | 'households' | 'adults'; bodyId?: number; electorateOrgId?: number;
  estateId?: number; buildingId?: number; method: Method; options?: { label: string }[]; maxChoices?: number; secret: boolean;
  quorumPct: number; thresholdNum: number; thresholdDen: number; thresholdOf: ThresholdBase; closesAt?: Dayjs | null; open: boolean;
}

const electorateOf = (v: Partial<Values>): ElectorateInput | null => {
  if (v.kind === 'body') return v.bodyId ? { kind: 'body', bodyId: v.bodyId } : null;
  const orgId = v.electorateOrgId ?? v.orgId;
  if (!orgId) return null;
  if (v.kind === 'adults') return { kind: 'adults', orgId };
  return { kind: 'households', orgId, ...(v.estateId ? { estateId: v.estateId } : {}), ...(v.buildingId ? { buildingId: v.buildingId } : {}) };
};

/** 新建表决: owner org, electorate picker (a body, households of a community/estate/building, all adults), method, options, quorum, threshold. */
export function VoteFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const [preview, setPreview] = useState<{ eligible: number; accounts: number } | null>(null);
  const bodies = useBodies(open && values?.kind === 'body');
  const estates = useEstates(values?.kind === 'households' ? values?.electorateOrgId ?? values?.orgId : undefined);
  const buildings = useBuildings(values?.estateId);
  const write = useVoteWrite((b: VoteInput) => createVote(b));
  const submit = useFormSubmit(form, async (v) => {
    const electorate = electorateOf(v);
    if (!electorate) { feedback.error(new Error(t('vote.pickElectorate'))); return; }
    const options = v.method === 'choice' ? (v.options ?? []).map((o, i) => ({ key: `o${i + 1}`, label: o.label })) : undefined;
    const r = await write.mutateAsync({
      orgId: v.orgId, title: v.title, description: v.description || null, electorate, method: v.method, secret: v.secret,
      ...(options ? { options, minChoices: 1, maxChoices: v.maxChoices ?? options.length } : {}),
      quorum: v.quorumPct ? { num: v.quorumPct, den: 100 } : { num: 0, den: 1 },
      threshold: v.method === 'choice' ? { num: 0, den: 1, of: 'cast' } : { num: v.thresholdNum ?? 85, den: v.thresholdDen ?? 100, of: v.thresholdOf ?? 'electorate' },
      closesAt: v.closesAt ? v.closesAt.toISOString() : null, open: v.open,
    });
    feedback.success(t('vote.saved'));
    form.resetFields();
    setPreview(null);
    onClose();
    onCreated(r.id);
  }, { 'threshold.num': 'thresholdNum', 'threshold.den': 'thresholdDen', 'threshold.of': 'thresholdOf', threshold: 'thresholdNum', quorum: 'quorumPct', electorate: 'kind', maxChoices: 'maxChoices', options: 'options' });

  const doPreview = () => {
    const v = form.getFieldsValue();
    const el = electorateOf(v);
    if (!v.orgId || !el) { feedback.error(new Error(t('vote.pickElectorate'))); return; }
    previewElectorate(v.orgId, el).then(setPreview, feedback.error);
  };

  return (
    <Modal open={open} title={t('vote.createTitle')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} width={680} destroyOnHidden data-testid="vote-form">
      <Form form={form} layout="vertical" onValuesChange={() => setPreview(null)}
        initialValues={{ kind: 'body', method: 'yesNo', secret: true, quorumPct: 0, thresholdNum: 85, thresholdDen: 100, thresholdOf: 'electorate', open: false, options: [{ label: '' }, { label: '' }] }}>
        <Form.Item name="orgId" label={t('vote.f.org')} rules={[{ required: true, message: t('common.required', { field: t('vote.f.org') }) }]}>
          <ScopeOrgPicker levels={['street', 'community', 'grid']} data-testid="vote-org" />
        </Form.Item>
        <Form.Item name="title" label={t('vote.f.title')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { field: t('vote.f.title') }) }]}>
          <Input data-testid="vote-title" />
        </Form.Item>
        <Form.Item name="description" label={t('vote.f.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.Item name="kind" label={t('vote.f.electorate')}>
          <Radio.Group data-testid="vote-kind" options={(['body', 'households', 'adults'] as const).map((k) => ({ value: k, label: t(`vote.el.${k}`) }))} />
        </Form.Item>
        {values?.kind === 'body' ? (
          <Form.Item name="bodyId" label={t('vote.f.body')} rules={[{ required: true, message: t('common.required', { field: t('vote.f.body') }) }]}
            extra={bodies.isError ? t('vote.bodiesUnavailable') : undefined}>
            <Select showSearch optionFilterProp="label" loading={bodies.isFetching} data-testid="vote-body" notFoundContent={t('vote.empty.bodies')}
              options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.orgName}，${t('vote.withAccount', { n: b.membersWithAccount })}）` }))} />
          </Form.Item>
        ) : (
          <Space wrap align="start">
            <Form.Item name="electorateOrgId" label={t('vote.f.electorateOrg')} extra={t('vote.electorateOrgHint')}>
              <ScopeOrgPicker levels={['street', 'community', 'grid']} style={{ width: 240 }} />
            </Form.Item>
            {values?.kind === 'households' && <>
              <Form.Item name="estateId" label={t('vote.f.estate')}>
                <Select allowClear style={{ width: 160 }} options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} onChange={() => form.setFieldValue('buildingId', undefined)} />
              </Form.Item>
              <Form.Item name="buildingId" label={t('vote.f.building')}>
                <Select allowClear style={{ width: 140 }} disabled={!values?.estateId} options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} />
              </Form.Item>
            </>}
          </Space>
        )}
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={doPreview} data-testid="vote-preview">{t('vote.preview')}</Button>
          {preview && <Alert type={preview.eligible ? 'info' : 'warning'} showIcon data-testid="vote-preview-result" message={t('vote.previewResult', { n: preview.eligible, a: preview.accounts })} />}
        </Space>
        <Form.Item name="method" label={t('vote.f.method')}>
          <Radio.Group options={[{ value: 'yesNo', label: t('vote.method.yesNo') }, { value: 'choice', label: t('vote.method.choice') }]} />
        </Form.Item>
        {values?.method === 'choice' && <>
          <Form.List name="options">
            {(fields, { add, remove }) => <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('vote.f.option', { n: i + 1 }) }) }]}>
                    <Input placeholder={t('vote.f.option', { n: i + 1 })} maxLength={200} style={{ width: 360 }} data-testid={`vote-option-${i}`} />
                  </Form.Item>
                  {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Form.Item><Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '' })}>{t('vote.addOption')}</Button></Form.Item>
            </>}
          </Form.List>
          <Form.Item name="maxChoices" label={t('vote.f.maxChoices')} extra={t('vote.maxChoicesHint')}><InputNumber min={1} max={200} precision={0} /></Form.Item>
        </>}
        <Space wrap>
          <Form.Item name="quorumPct" label={t('vote.f.quorumPct')}><InputNumber min={0} max={100} precision={0} addonAfter="%" data-testid="vote-quorum" /></Form.Item>
          {values?.method !== 'choice' && <>
            <Form.Item name="thresholdNum" label={t('vote.f.thresholdNum')} rules={[{ required: true }]}><InputNumber min={0} precision={0} data-testid="vote-threshold-num" /></Form.Item>
            <Form.Item name="thresholdDen" label={t('vote.f.thresholdDen')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
            <Form.Item name="thresholdOf" label={t('vote.f.thresholdOf')}>
              <Select style={{ width: 160 }} options={(['electorate', 'cast', 'decisive'] as const).map((k) => ({ value: k, label: t(`vote.of.${k}`) }))} />
            </Form.Item>
          </>}
        </Space>
        <Space wrap>
          <Form.Item name="secret" label={t('vote.f.secret')} valuePropName="checked" extra={t('vote.secretHint')}><Switch data-testid="vote-secret" /></Form.Item>
          <Form.Item name="closesAt" label={t('vote.f.closesAt')}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
          <Form.Item name="open" label={t('vote.f.openNow')} valuePropName="checked"><Switch data-testid="vote-open-now" /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
