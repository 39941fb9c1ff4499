import { Button, Form, Input, Segmented, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { PhotoUpload, type UploadedPhoto } from '../../components/PhotoUpload';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useWrite } from './api';
import { FIELDS, options } from './labels';
import type { TopicDetail } from './types';

/** Phone: raise a topic or a wish in one's own community. */
export default function MobileRaisePage() {
  const t = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ kind: 'topic' | 'wish'; field: string; title: string; description: string; photos?: UploadedPhoto[] }>();
  const raise = useWrite<Record<string, unknown>, TopicDetail>('post', () => '/topics');
  const submit = useFormSubmit(form, async (v) => {
    const { photos, ...rest } = v;
    const r = await raise.mutateAsync({ ...rest, title: v.title.trim(), description: v.description.trim(), ...(photos?.length ? { photoIds: photos.map((p) => p.id) } : {}) });
    feedback.success(t('delib.m.raised'));
    navigate(`/m/topics/${r.topic.id}`, { replace: true });
  });
  const req = (field: string) => [{ required: true, whitespace: true, message: t('delib.required', { field }) }];
  return (
    <MobilePage title={t('delib.m.raiseTitle')} back="/m/topics" testId="m-topic-new">
      <Form form={form} layout="vertical" initialValues={{ kind: 'topic' }} data-testid="m-raise-form">
        <Form.Item name="kind"><Segmented block options={options(t, 'kind', ['topic', 'wish'])} /></Form.Item>
        <Form.Item name="field" label={t('delib.col.field')} rules={[{ required: true, message: t('delib.required', { field: t('delib.col.field') }) }]}>
          <Select options={options(t, 'field', FIELDS)} data-testid="m-raise-field" />
        </Form.Item>
        <Form.Item name="title" label={t('delib.col.title')} rules={req(t('delib.col.title'))}>
          <Input maxLength={100} placeholder={t('delib.m.titlePlaceholder')} data-testid="m-raise-title" />
        </Form.Item>
        <Form.Item name="description" label={t('delib.col.description')} rules={req(t('delib.col.description'))}>
          <Input.TextArea rows={5} maxLength={4000} placeholder={t('delib.m.descPlaceholder')} data-testid="m-raise-description" />
        </Form.Item>
        <Form.Item name="photos" label={t('delib.photos')}><PhotoUpload max={9} capture testId="m-raise-photos" /></Form.Item>
        <Button type="primary" block size="large" loading={raise.isPending} onClick={submit} data-testid="m-raise-submit">{t('common.ok')}</Button>
      </Form>
    </MobilePage>
  );
}
