import { Form, Input, Segmented, Switch } from 'antd';
import { PhotoUpload } from '../../components/PhotoUpload';
import { useT } from '../../lib/i18n';
import { CategoryPicker } from './CategoryPicker';
import { kindOptions } from './labels';
import { LocationField } from './LocationField';
import type { Kind } from './types';

/**
 * The fields every report has (phones and the hotline form): kind, category, description,
 * photos, location and address. Lives inside the caller's <Form>.
 */
export function ReportFields({ anonymous = false, capture = true }: { anonymous?: boolean; capture?: boolean }) {
  const t = useT();
  const form = Form.useFormInstance();
  const kind = Form.useWatch<Kind | undefined>('kind', form);
  return (
    <>
      <Form.Item name="kind" label={t('req.f.kind')} rules={[{ required: true }]}>
        <Segmented block options={kindOptions(t)} data-testid="report-kind" />
      </Form.Item>
      <Form.Item name="categoryId" label={t('req.f.category')} rules={[{ required: true, message: t('req.f.categoryRequired') }]}>
        <CategoryPicker kind={kind} testId="report-category" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('req.f.description')}
        rules={[{ required: true, whitespace: true, message: t('req.f.descriptionRequired') }, { max: 4000 }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('req.f.descriptionPlaceholder')} data-testid="report-description" />
      </Form.Item>
      <Form.Item name="photos" label={t('req.f.photos')} extra={t('req.f.photosHint')}>
        <PhotoUpload max={9} capture={capture} testId="report-photos" />
      </Form.Item>
      <Form.Item name="location" label={t('req.f.location')}>
        <LocationField />
      </Form.Item>
      <Form.Item name="address" label={t('req.f.address')} rules={[{ max: 200 }]}>
        <Input maxLength={200} placeholder={t('req.f.addressPlaceholder')} data-testid="report-address" />
      </Form.Item>
      {anonymous && (
        <Form.Item name="anonymous" label={t('req.f.anonymous')} extra={t('req.f.anonymousHint')} valuePropName="checked">
          <Switch data-testid="report-anonymous" />
        </Form.Item>
      )}
    </>
  );
}
