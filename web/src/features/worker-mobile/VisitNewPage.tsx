import { useEffect, useState } from 'react';
import { Button, Form, Input, Switch } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { PhotoUpload, type UploadedPhoto } from '../../components/PhotoUpload';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateVisit, useHousehold } from './api';
import { HouseholdPicker } from './HouseholdPicker';
import type { Household } from './types';

interface Values {
  household: Household | null;
  findings: string;
  followUp: boolean;
  followUpNote?: string;
  photos: UploadedPhoto[];
}

/** /w/visits/new: record a home visit (入户走访) from the phone. */
export default function VisitNewPage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const presetId = Number(search.get('householdId')) || undefined;
  const preset = useHousehold(presetId);
  const [form] = Form.useForm<Values>();
  const followUp = Form.useWatch('followUp', form);
  const create = useCreateVisit();
  const [presetApplied, setPresetApplied] = useState(false);

  useEffect(() => {
    if (preset.data && !presetApplied) {
      form.setFieldValue('household', preset.data);
      setPresetApplied(true);
    }
  }, [preset.data, presetApplied, form]);

  const onFinish = async (v: Values) => {
    if (!v.household) return;
    try {
      await create.mutateAsync({
        householdId: v.household.id,
        findings: v.findings.trim(),
        followUp: v.followUp,
        followUpNote: v.followUp ? v.followUpNote?.trim() || null : null,
        photoIds: v.photos.map((p) => p.id),
      });
      feedback.success(t('wm.visitSaved'));
      navigate('/w/visits', { replace: true });
    } catch (err) {
      if (!applyFieldErrors(form, err, { householdId: 'household', photoIds: 'photos' })) feedback.error(err);
    }
  };

  return (
    <MobilePage title={t('wm.visitNew')} back="/w" testId="visit-new">
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ household: null, findings: '', followUp: false, followUpNote: '', photos: [] }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item name="household" label={t('wm.household')} rules={[{ required: true, message: t('wm.householdRequired') }]}>
          <HouseholdPicker />
        </Form.Item>
        <Form.Item
          name="findings"
          label={t('wm.findings')}
          rules={[{ required: true, whitespace: true, message: t('wm.findingsRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('wm.findingsPlaceholder')} data-testid="visit-findings" />
        </Form.Item>
        <Form.Item name="followUp" label={t('wm.followUp')} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid="visit-follow-up" />
        </Form.Item>
        {followUp && (
          <Form.Item name="followUpNote" label={t('wm.followUpNote')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('wm.followUpNotePlaceholder')} data-testid="visit-follow-up-note" />
          </Form.Item>
        )}
        <Form.Item name="photos" label={t('wm.photos')} extra={t('wm.photosHint')}>
          <PhotoUpload max={9} capture testId="visit-photos" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={create.isPending} data-testid="visit-submit">
          {t('wm.submitVisit')}
        </Button>
      </Form>
    </MobilePage>
  );
}
