import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateApiKey } from './api-admin';

/** 新建密钥: name + unit; the key itself is shown here once and never again. */
export function ApiKeyCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ orgId: number; name: string }>();
  const create = useCreateApiKey();
  const [key, setKey] = useState<string | null>(null);

  const onOk = useFormSubmit(form, async (v) => {
    const created = await create.mutateAsync({ orgId: v.orgId, name: v.name.trim() });
    setKey(created.apiKey);
  });

  if (key) {
    return (
      <Modal open title={t('req.key.createdTitle')} closable={false} maskClosable={false}
        footer={<Button type="primary" onClick={onClose} data-testid="api-key-close">{t('req.key.close')}</Button>}>
        <Alert type="warning" showIcon title={t('req.key.showOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: key, tooltips: [t('req.key.copy'), t('req.key.copied')] }} code data-testid="api-key-value">
          {key}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal open title={t('req.key.create')} onCancel={onClose} onOk={() => void onOk()} confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'api-key-save' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('req.key.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('req.key.name')} rules={[{ required: true, whitespace: true, message: t('req.key.nameRequired') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item name="orgId" label={t('req.key.org')} rules={[{ required: true, message: t('req.key.orgRequired') }]}>
          <ScopeOrgPicker levels={['street', 'community', 'grid']} data-testid="api-key-org" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
