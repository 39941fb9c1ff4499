import { Checkbox, Col, Form, Input, InputNumber, Modal, Row, Switch, TreeSelect } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useLang } from '../../lib/i18n';
import { useCategories } from './api';
import { useCreateCategory, useUpdateCategory } from './api-admin';
import { categoryName, categoryNodes, kindOptions } from './labels';
import { DEADLINE_FIELDS, type Category, type CategoryInput } from './types';

type Values = CategoryInput & { code?: string };

/** New category (optionally under a parent) or edit one; empty deadlines inherit from the parent or the defaults. */
export function CategoryFormModal({ editing, parent, onClose }: { editing?: Category; parent?: Category | null; onClose: () => void }) {
  const { t, lang } = useLang();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const all = useCategories(true);
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const pending = create.isPending || update.isPending;
  const title = editing
    ? t('req.cat.editTitle', { name: categoryName(editing, lang) })
    : parent ? t('req.cat.createChildTitle', { name: categoryName(parent, lang) }) : t('req.cat.createTitle');
  const base = editing ?? parent;
  const initial: Values = editing
    ? { ...editing }
    : { parentId: parent?.id ?? null, kinds: [], public: true, active: true, sort: 0 };

  const onOk = useFormSubmit(form, async (v) => {
    const input: Values = { ...v, nameEn: v.nameEn?.trim() || null, description: v.description?.trim() || null };
    for (const f of DEADLINE_FIELDS) input[f] = v[f] ?? null;
    if (editing) {
      const { code: _c, parentId: _p, ...patch } = input;
      await update.mutateAsync({ id: editing.id, input: patch });
    } else {
      await create.mutateAsync(input);
    }
    feedback.success(t('req.cat.saved'));
    onClose();
  });

  return (
    <Modal open title={title} width={720} onCancel={onClose} onOk={() => void onOk()} confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'category-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} data-testid="category-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('req.cat.name')} rules={[{ required: true, whitespace: true, message: t('req.cat.nameRequired') }, { max: 50 }]}>
              <Input maxLength={50} data-testid="category-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('req.cat.nameEn')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {!editing && (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="code" label={t('req.cat.code')} extra={t('req.cat.codeHint')}
                  rules={[{ required: true, message: t('req.cat.codeRequired') }, { pattern: /^[a-z0-9][a-z0-9_.-]{0,39}$/, message: t('req.cat.codeInvalid') }]}>
                  <Input maxLength={40} data-testid="category-code" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="parentId" label={t('req.cat.parent')}>
                  <TreeSelect<number | null> treeDataSimpleMode treeData={categoryNodes(all.data?.items ?? [], lang)} allowClear
                    placeholder={t('req.cat.parentNone')} treeDefaultExpandAll />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Form.Item name="kinds" label={t('req.cat.kinds')} extra={t('req.cat.kindsHint')}>
          <Checkbox.Group options={kindOptions(t)} />
        </Form.Item>
        <Form.Item name="description" label={t('req.cat.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('req.cat.deadlines')} style={{ marginBottom: 0 }}>
          <Row gutter={12}>
            {DEADLINE_FIELDS.map((f) => (
              <Col xs={12} md={8} key={f}>
                <Form.Item name={f} label={t(`req.cat.${f}`)} rules={[{ type: 'integer', min: 1, max: 8760, message: t('req.cat.deadlineInvalid') }]}
                  tooltip={base ? t('req.cat.inherit', { n: base.effective[f] }) : undefined}>
                  <InputNumber<number> min={1} max={8760} precision={0} style={{ width: '100%' }} placeholder={base ? String(base.effective[f]) : undefined}
                    data-testid={`category-${f}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="public" label={t('req.cat.public')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="active" label={t('req.cat.active')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sort" label={t('req.cat.sort')}><InputNumber<number> min={0} max={9999} precision={0} /></Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
