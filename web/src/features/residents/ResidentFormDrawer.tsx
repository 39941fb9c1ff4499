import { useEffect } from 'react';
import { Button, Drawer, Form, Grid, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateResident, useUpdateResident } from './api';
import type { Labels } from './meta';
import { autoFillFromId, ResidentFormFields, type ResidentFormValues } from './ResidentFormFields';
import type { CreateResidentInput, Resident, UpdateResidentInput } from './types';

interface Props {
  /** null: create a new resident. */
  resident: Resident | null;
  labels: Labels;
  onClose: () => void;
  onCreated?: (r: Resident) => void;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);

/** The resident's stored tags: the age tags follow from the birth date and are never sent. */
function manualTags(r: Resident, labels: Labels): string[] {
  const derived = new Set((labels.meta.data?.tags ?? []).filter((x) => x.derived).map((x) => x.value));
  return r.tags.filter((tag) => !derived.has(tag));
}

function toCreate(v: ResidentFormValues): CreateResidentInput {
  const derived = v.idType === 'idCard';
  return {
    name: v.name!.trim(),
    idType: v.idType,
    idNumber: v.idNumber!.trim(),
    gender: derived ? undefined : v.gender,
    birthDate: derived ? undefined : day(v.birthDate),
    phone: text(v.phone),
    ethnicity: text(v.ethnicity),
    politicalStatus: (v.politicalStatus ?? undefined) as CreateResidentInput['politicalStatus'],
    registrationType: v.registrationType as CreateResidentInput['registrationType'],
    arrivalDate: v.registrationType === 'migrant' ? day(v.arrivalDate) : undefined,
    householdId: v.householdId,
    relation: v.householdId ? (v.relation as CreateResidentInput['relation']) : undefined,
    orgId: v.householdId ? undefined : v.orgId,
    tags: v.tags?.length ? v.tags : undefined,
    note: text(v.note),
  };
}

/** Only what changed: empty personal fields keep the stored value (it is never sent to the browser). */
function toUpdate(r: Resident, v: ResidentFormValues, labels: Labels): UpdateResidentInput {
  const out: UpdateResidentInput = {};
  if (text(v.name)) out.name = v.name!.trim();
  if (text(v.idNumber)) {
    out.idType = v.idType;
    out.idNumber = v.idNumber!.trim();
  } else if (v.idType !== r.idType) out.idType = v.idType;
  const derived = v.idType === 'idCard' && !!out.idNumber;
  if (!derived) {
    if (v.gender && v.gender !== r.gender) out.gender = v.gender;
    if (v.birthDate) out.birthDate = day(v.birthDate);
  }
  if (text(v.phone)) out.phone = v.phone!.trim();
  if ((text(v.ethnicity) ?? null) !== r.ethnicity) out.ethnicity = text(v.ethnicity) ?? null;
  if ((v.politicalStatus ?? null) !== r.politicalStatus) out.politicalStatus = (v.politicalStatus ?? null) as UpdateResidentInput['politicalStatus'];
  if (v.registrationType !== r.registrationType) out.registrationType = v.registrationType as UpdateResidentInput['registrationType'];
  const arrival = v.registrationType === 'migrant' ? (day(v.arrivalDate) ?? null) : null;
  if (arrival !== r.arrivalDate) out.arrivalDate = arrival;
  if (r.householdId && v.relation && v.relation !== r.relation) out.relation = v.relation as UpdateResidentInput['relation'];
  const tags = v.tags ?? [];
  const before = manualTags(r, labels);
  if (tags.length !== before.length || tags.some((x) => !before.includes(x))) out.tags = tags;
  if ((text(v.note) ?? null) !== r.note) out.note = text(v.note) ?? null;
  return out;
}

export function ResidentFormDrawer({ resident, labels, onClose, onCreated }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<ResidentFormValues>();
  const create = useCreateResident();
  const update = useUpdateResident();

  useEffect(() => {
    form.resetFields();
    if (resident) {
      form.setFieldsValue({
        idType: resident.idType as ResidentFormValues['idType'],
        gender: resident.gender as ResidentFormValues['gender'],
        ethnicity: resident.ethnicity ?? undefined,
        politicalStatus: resident.politicalStatus,
        registrationType: resident.registrationType,
        arrivalDate: resident.arrivalDate ? dayjs(resident.arrivalDate) : null,
        relation: resident.relation,
        tags: manualTags(resident, labels),
        note: resident.note ?? undefined,
      });
    } else {
      form.setFieldsValue({ idType: 'idCard', registrationType: 'registered' });
    }
    // labels.meta.data: the derived-tag list may arrive after the drawer opens.
  }, [resident, form, labels.meta.data]);

  const onSubmit = async () => {
    const v = await form.validateFields();
    try {
      if (resident) {
        const input = toUpdate(resident, v, labels);
        if (Object.keys(input).length > 0) await update.mutateAsync({ id: resident.id, input });
        feedback.success(t('residents.saved'));
      } else {
        const created = await create.mutateAsync(toCreate(v));
        feedback.success(t('residents.created'));
        onCreated?.(created);
      }
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Drawer
      open
      size={screens.md ? 600 : '100%'}
      title={resident ? t('residents.editTitle', { name: resident.nameMasked }) : t('residents.create')}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => void onSubmit().catch(() => undefined)}
            data-testid="resident-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<ResidentFormValues>
        form={form}
        name="resident"
        layout="vertical"
        autoComplete="off"
        onValuesChange={(changed) => {
          if ('idNumber' in changed || 'idType' in changed) autoFillFromId(form);
        }}
      >
        <ResidentFormFields form={form} labels={labels} resident={resident ?? undefined} />
      </Form>
    </Drawer>
  );
}
