import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal, Radio, Tag } from 'antd';
import { codeSuffixHint, levelLabel, type OrgLevel } from '../../lib/domain';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateOrg, useUpdateOrg } from './api';
import type { GeoPolygon, Org, UpdateOrgInput } from './types';

interface FormValues {
  level: OrgLevel;
  name: string;
  code: string;
  householdsTarget?: number | null;
  boundary?: string;
}

interface Props {
  mode: 'create' | 'edit';
  org: Org; // the parent (create) or the org being edited
  open: boolean;
  onClose: () => void;
  onDone: (org: Org) => void;
}

function parseBoundary(text: string | undefined): GeoPolygon | null {
  if (!text || !text.trim()) return null;
  return JSON.parse(text) as GeoPolygon;
}

export function OrgFormModal({ mode, org, open, onClose, onDone }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg(org.id);
  const levels = mode === 'create' ? org.creatableChildLevels : [org.level];
  const level = Form.useWatch('level', form) ?? levels[0];
  const isGrid = level === 'grid';
  const suffix = codeSuffixHint(level);
  const codeHint =
    mode === 'create' && suffix
      ? t('org.codeHint', { prefix: org.level === 'root' ? '—' : org.code, suffix: t(suffix) })
      : undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (mode === 'edit') {
      form.setFieldsValue({
        level: org.level,
        name: org.name,
        code: org.code,
        householdsTarget: org.householdsTarget,
        boundary: org.boundary ? JSON.stringify(org.boundary, null, 2) : '',
      });
    } else {
      form.setFieldsValue({ level: levels[0], code: org.level === 'root' ? '' : org.code });
    }
  }, [open, mode, org.id]);

  const onOk = async () => {
    const values = await form.validateFields();
    const grid = values.level === 'grid';
    const name = values.name.trim();
    const code = values.code.trim();
    const householdsTarget = values.householdsTarget ?? null;
    const boundary = parseBoundary(values.boundary);
    try {
      let saved: Org;
      if (mode === 'create') {
        saved = await create.mutateAsync({
          parentId: org.id,
          level: values.level,
          name,
          code,
          ...(grid ? { householdsTarget, boundary } : {}),
        });
      } else {
        // PATCH only what changed.
        const input: UpdateOrgInput = {};
        if (name !== org.name) input.name = name;
        if (code !== org.code) input.code = code;
        if (grid && householdsTarget !== org.householdsTarget) input.householdsTarget = householdsTarget;
        if (grid && JSON.stringify(boundary) !== JSON.stringify(org.boundary)) input.boundary = boundary;
        saved = Object.keys(input).length > 0 ? await update.mutateAsync(input) : org;
      }
      feedback.success(t(mode === 'create' ? 'org.created' : 'org.updated'));
      onDone(saved);
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  const validateBoundary = async (_: unknown, value: string | undefined) => {
    if (!value || !value.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error(t('error.invalidJson'));
    }
    const poly = parsed as Partial<GeoPolygon> | null;
    if (!poly || poly.type !== 'Polygon' || !Array.isArray(poly.coordinates)) throw new Error(t('error.polygon'));
  };

  return (
    <Modal
      open={open}
      title={t(mode === 'create' ? 'org.createChildTitle' : 'org.editTitle', { name: org.name })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      forceRender
    >
      <Form<FormValues> form={form} name="org" layout="vertical">
        <Form.Item name="level" label={t('org.level')} hidden={mode === 'edit' || levels.length < 2}>
          <Radio.Group optionType="button" options={levels.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
        </Form.Item>
        {mode === 'create' && levels.length === 1 && (
          <Form.Item label={t('org.level')}>
            <Tag color="blue">{levelLabel(t, levels[0])}</Tag>
          </Form.Item>
        )}
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} extra={codeHint} rules={[{ required: true, whitespace: true, min: 2, max: 20, pattern: /^[0-9D]+$/ }]}>
          <Input maxLength={20} />
        </Form.Item>
        {isGrid && (
          <>
            <Form.Item name="householdsTarget" label={t('org.householdsTarget')}>
              <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="boundary"
              label={t('org.boundary')}
              extra={t('org.boundaryHint')}
              rules={[{ validator: validateBoundary }]}
            >
              <Input.TextArea rows={6} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
