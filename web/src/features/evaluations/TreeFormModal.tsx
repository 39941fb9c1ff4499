import { useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useWrite } from './api';
import type { Tree } from './types';

interface NodeIn { key: string; parentKey: string | null; name: string; weight: number }
interface Values { orgId?: number; title: string; purpose: 'community' | 'experimentZone'; nodes: NodeIn[]; evaluatorIds: string[] }

/** Create or edit an indicator tree: indicators (key, parent, name, weight; siblings sum to 100), the orgs assessed, the evaluators (account ids). */
export function TreeFormModal({ open, current, onClose, onSaved }: { open: boolean; current?: Tree; onClose: () => void; onSaved?: (id: number) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [subjects, setSubjects] = useState<{ id: number; name: string }[]>(current?.subjects ?? []);
  const create = useWrite<Record<string, unknown>, Tree>('post', () => '/indicator-trees');
  const update = useWrite<Record<string, unknown>, Tree>('patch', () => `/indicator-trees/${current?.id}`);
  const lockedNodes = !!current && !current.actions.includes('edit');
  const submit = useFormSubmit(form, async (v) => {
    const body: Record<string, unknown> = {
      title: v.title, purpose: v.purpose, subjectIds: subjects.map((s) => s.id),
      evaluatorIds: (v.evaluatorIds ?? []).map((x) => Number(x)).filter((x) => Number.isInteger(x) && x > 0),
      ...(lockedNodes ? {} : { nodes: v.nodes.map((n) => ({ ...n, parentKey: n.parentKey || null })) }),
    };
    const r = current ? await update.mutateAsync(body) : await create.mutateAsync({ ...body, orgId: v.orgId });
    feedback.success(t('ev.saved'));
    onSaved?.(r.id);
    onClose();
  });
  const init: Partial<Values> = current ? {
    title: current.title, purpose: current.purpose, evaluatorIds: current.evaluators.map((e) => String(e.id)),
    nodes: current.nodes.map((n) => ({ key: `n${n.id}`, parentKey: n.parentId ? `n${n.parentId}` : null, name: n.name, weight: n.weight })),
  } : { purpose: 'community', nodes: [{ key: 'a', parentKey: null, name: '', weight: 100 }], evaluatorIds: [] };
  return (
    <Modal open={open} width={760} title={current ? t('ev.tree.edit') : t('ev.tree.new')} onCancel={onClose} onOk={submit} okText={t('ev.save')}
      confirmLoading={create.isPending || update.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'ev-tree-save' } as never}>
      <Form form={form} layout="vertical" initialValues={init} preserve={false}>
        {!current && (
          <Form.Item name="orgId" label={t('ev.f.org')} rules={[{ required: true, message: t('ev.required', { field: t('ev.f.org') }) }]}><ScopeOrgPicker placeholder={t('ev.f.org')} /></Form.Item>
        )}
        <Space wrap>
          <Form.Item name="title" label={t('ev.f.title')} rules={[{ required: true, whitespace: true, message: t('ev.required', { field: t('ev.f.title') }) }]}><Input maxLength={200} style={{ width: 320 }} data-testid="ev-tree-title" /></Form.Item>
          <Form.Item name="purpose" label={t('ev.tree.purpose')}><Select style={{ width: 160 }} options={[{ value: 'community', label: t('ev.tree.p.community') }, { value: 'experimentZone', label: t('ev.tree.p.experimentZone') }]} /></Form.Item>
        </Space>
        <Typography.Text strong>{t('ev.tree.indicators')}</Typography.Text>
        <Typography.Paragraph type="secondary">{lockedNodes ? t('ev.tree.locked') : t('ev.tree.nodesHint')}</Typography.Paragraph>
        <Form.List name="nodes">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]+$/, message: t('ev.tree.keyRule') }]}><Input placeholder={t('ev.tree.key')} style={{ width: 90 }} disabled={lockedNodes} data-testid={`ev-node-${i}-key`} /></Form.Item>
                  <Form.Item name={[f.name, 'parentKey']}><Input placeholder={t('ev.tree.parent')} style={{ width: 90 }} disabled={lockedNodes} data-testid={`ev-node-${i}-parent`} /></Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('ev.required', { field: t('ev.tree.name') }) }]}><Input placeholder={t('ev.tree.name')} style={{ width: 220 }} disabled={lockedNodes} data-testid={`ev-node-${i}-name`} /></Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('ev.required', { field: t('ev.tree.weight') }) }]}><InputNumber min={0} max={100} addonAfter="%" style={{ width: 110 }} disabled={lockedNodes} data-testid={`ev-node-${i}-weight`} /></Form.Item>
                  {!lockedNodes && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {!lockedNodes && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `k${fields.length + 1}`, parentKey: null, name: '', weight: 0 })} data-testid="ev-node-add">{t('ev.tree.addNode')}</Button>}
            </Flex>
          )}
        </Form.List>
        <Form.Item label={t('ev.tree.subjects')} style={{ marginTop: 12 }}>
          <Flex gap={6} wrap>
            {subjects.map((s) => <Tag key={s.id} closable onClose={() => setSubjects((x) => x.filter((y) => y.id !== s.id))}>{s.name}</Tag>)}
            <ScopeOrgPicker placeholder={t('ev.tree.addSubject')} style={{ width: 240 }} value={undefined}
              onChange={(id, org) => { if (id && org && !subjects.some((s) => s.id === id)) setSubjects((x) => [...x, { id, name: org.name }]); }} />
          </Flex>
        </Form.Item>
        <Form.Item name="evaluatorIds" label={t('ev.tree.evaluators')} extra={t('ev.tree.evaluatorsHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} options={(current?.evaluators ?? []).map((e) => ({ value: String(e.id), label: `${e.name}（${e.id}）` }))} data-testid="ev-tree-evaluators" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
