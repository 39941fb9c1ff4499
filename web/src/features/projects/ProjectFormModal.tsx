import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { createProject, updateProject, useProjectWrite } from './api';
import { toFen } from './money';
import { KINDS, type Project, type ProjectInput } from './types';

interface Values extends Omit<ProjectInput, 'periodStart' | 'periodEnd' | 'budgetItems'> { period: [Dayjs, Dayjs]; budgetItems: { item: string; amount: number }[] }

/** 申报项目 (or 修改申报 for a draft / returned one): need, budget items in yuan, beneficiaries, period; save as draft or submit. */
export function ProjectFormModal({ open, onClose, project, onSaved }: { open: boolean; onClose: () => void; project?: Project; onSaved?: (p: Project) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const write = useProjectWrite((b: ProjectInput) => (project ? updateProject(project.id, (({ orgId: _o, submit: _s, ...rest }) => rest)(b)) : createProject(b)));
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project) {
      form.setFieldsValue({
        orgId: project.orgId, kind: project.kind, title: project.title, need: project.need, linkedNeeds: project.linkedNeeds, beneficiariesTarget: project.beneficiariesTarget,
        period: [dayjs(project.periodStart), dayjs(project.periodEnd)], budgetItems: project.budgetItems.map((b) => ({ item: b.item, amount: b.amount / 100 })),
      });
    }
  }, [open, project, form]);
  const run = async ({ period, budgetItems, ...v }: Values, submit: boolean) => {
    const p = await write.mutateAsync({
      ...v, periodStart: period[0].format('YYYY-MM-DD'), periodEnd: period[1].format('YYYY-MM-DD'),
      budgetItems: budgetItems.map((b) => ({ item: b.item, amount: toFen(b.amount) })), ...(project ? {} : { submit }),
    });
    feedback.success(t('proj.saved'));
    onSaved?.(p);
    onClose();
  };
  const draft = useFormSubmit(form, (v) => run(v, false), { periodStart: 'period', periodEnd: 'period' });
  const submitNow = useFormSubmit(form, (v) => run(v, true), { periodStart: 'period', periodEnd: 'period' });
  const req = (k: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('common.required', { field: t(k) }) }];

  return (
    <Modal open={open} title={t(project ? 'proj.editTitle' : 'proj.applyTitle')} onCancel={onClose} width={720} destroyOnHidden data-testid="project-form"
      footer={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button onClick={draft} loading={write.isPending} data-testid="project-save">{t(project ? 'common.save' : 'proj.saveDraft')}</Button>
        {!project && <Button type="primary" onClick={submitNow} loading={write.isPending} data-testid="project-submit">{t('proj.submitNow')}</Button>}
      </Space>}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'ventureGrant', beneficiariesTarget: 50, budgetItems: [{ item: '', amount: undefined }] }}>
        {!project && <Form.Item name="orgId" label={t('proj.f.community')} rules={[{ required: true, message: t('common.required', { field: t('proj.f.community') }) }]}>
          <ScopeOrgPicker levels={['community']} data-testid="project-org" />
        </Form.Item>}
        <Form.Item name="kind" label={t('proj.f.kind')}><Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`proj.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="title" label={t('proj.f.title')} rules={req('proj.f.title')}><Input maxLength={100} data-testid="project-title" /></Form.Item>
        <Form.Item name="need" label={t('proj.f.need')} rules={req('proj.f.need')}><Input.TextArea rows={3} maxLength={4000} data-testid="project-need" /></Form.Item>
        <Form.Item name="linkedNeeds" label={t('proj.f.linkedNeeds')}><Input maxLength={500} /></Form.Item>
        <Space wrap>
          <Form.Item name="beneficiariesTarget" label={t('proj.f.target')} rules={[{ required: true }]}><InputNumber min={1} max={1000000} precision={0} data-testid="project-target" /></Form.Item>
          <Form.Item name="period" label={t('proj.f.period')} rules={[{ required: true, message: t('common.required', { field: t('proj.f.period') }) }]}>
            <DatePicker.RangePicker format="YYYY-MM-DD" className="project-period" />
          </Form.Item>
        </Space>
        <Form.Item label={t('proj.f.budget')} required>
          <Form.List name="budgetItems">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'item']} rules={req('proj.f.budgetItem')} noStyle><Input placeholder={t('proj.f.budgetItem')} style={{ width: 260 }} maxLength={100} data-testid={`budget-item-${i}`} /></Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('common.required', { field: t('proj.f.budgetAmount') }) }]} noStyle>
                      <InputNumber placeholder={t('proj.f.budgetAmount')} min={0.01} max={1_000_000_000} precision={2} style={{ width: 180 }} data-testid={`budget-amount-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {fields.length < 50 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '', amount: undefined })}>{t('proj.f.addItem')}</Button>}
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
