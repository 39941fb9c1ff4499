import { Form, Modal, Radio, Select } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useMoveResident } from './api';
import { HouseholdPicker } from './HouseholdPicker';
import type { Labels } from './meta';
import type { MoveInput, Resident } from './types';

interface Values {
  mode: 'household' | 'none';
  householdId?: number;
  relation?: string;
  orgId?: number;
}

/** Moves a resident to another household (membership history is kept), or out of any household. */
export function MoveModal({ resident, labels, onClose }: { resident: Resident; labels: Labels; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const move = useMoveResident();
  const mode = Form.useWatch('mode', form);

  const onOk = async () => {
    const v = await form.validateFields();
    const input: MoveInput =
      v.mode === 'household'
        ? { householdId: v.householdId!, relation: (v.relation ?? null) as MoveInput['relation'] }
        : { householdId: null, orgId: v.orgId };
    try {
      await move.mutateAsync({ id: resident.id, input });
      feedback.success(t('residents.move.done'));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('residents.move.title', { name: resident.nameMasked })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={move.isPending}
      okButtonProps={{ 'data-testid': 'move-ok' }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ mode: 'household', relation: resident.relation ?? undefined }}>
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'household', label: t('residents.move.toHousehold') },
              { value: 'none', label: t('residents.move.toNone') },
            ]}
          />
        </Form.Item>
        {mode !== 'none' ? (
          <>
            <Form.Item name="householdId" label={t('residents.field.household')} rules={[{ required: true }]}>
              <HouseholdPicker data-testid="move-household" />
            </Form.Item>
            <Form.Item name="relation" label={t('residents.field.relation')} rules={[{ required: true }]}>
              <Select options={labels.options('relations')} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="orgId" label={t('residents.field.org')} extra={t('residents.move.orgHint')}>
            <ScopeOrgPicker levels={['grid', 'community']} initialLabel={resident.orgName} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
