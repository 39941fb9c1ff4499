import { Alert, Form, Modal } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateRoute } from './api-admin';
import { CategoryPicker } from './CategoryPicker';

interface Values {
  orgId: number;
  categoryId: number;
  handlerOrgId: number;
}

/** 新增派单规则: area (district, street or community) + category → handling unit. */
export function RouteFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const create = useCreateRoute();

  const onOk = useFormSubmit(form, async (v) => {
    await create.mutateAsync(v);
    feedback.success(t('req.route.created'));
    onClose();
  });

  return (
    <Modal open title={t('req.route.create')} onCancel={onClose} onOk={() => void onOk()} confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'route-save' }} destroyOnHidden>
      <Alert type="info" showIcon title={t('req.route.intro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="orgId" label={t('req.route.org')} rules={[{ required: true, message: t('req.route.orgRequired') }]}>
          <ScopeOrgPicker levels={['district', 'street', 'community']} data-testid="route-org" />
        </Form.Item>
        <Form.Item name="categoryId" label={t('req.route.category')} rules={[{ required: true, message: t('req.route.categoryRequired') }]}>
          <CategoryPicker testId="route-category" />
        </Form.Item>
        <Form.Item name="handlerOrgId" label={t('req.route.handler')} rules={[{ required: true, message: t('req.route.handlerRequired') }]}>
          <ScopeOrgPicker levels={['department', 'community', 'grid']} data-testid="route-handler" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
