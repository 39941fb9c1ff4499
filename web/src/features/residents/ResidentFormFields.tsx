import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useT } from '../../lib/i18n';
import { HouseholdPicker } from './HouseholdPicker';
import { parseIdCard, type IdCardProblem } from './idcard';
import type { Labels } from './meta';
import type { IdType, Resident } from './types';

export interface ResidentFormValues {
  name?: string;
  idType: IdType;
  idNumber?: string;
  gender?: 'male' | 'female';
  birthDate?: Dayjs | null;
  phone?: string;
  ethnicity?: string;
  politicalStatus?: string | null;
  registrationType: string;
  arrivalDate?: Dayjs | null;
  orgId?: number;
  householdId?: number;
  relation?: string | null;
  tags?: string[];
  note?: string;
}

const PROBLEM_KEYS: Record<IdCardProblem, 'residents.id.length' | 'residents.id.birthDate' | 'residents.id.future' | 'residents.id.checkDigit'> = {
  length: 'residents.id.length',
  birthDate: 'residents.id.birthDate',
  future: 'residents.id.future',
  checkDigit: 'residents.id.checkDigit',
};

/** When the ID card number is valid, birth date and gender follow from it. */
export function autoFillFromId(form: FormInstance<ResidentFormValues>) {
  const { idType, idNumber } = form.getFieldsValue(['idType', 'idNumber']) as ResidentFormValues;
  if (idType !== 'idCard' || !idNumber) return;
  const facts = parseIdCard(idNumber);
  if ('problem' in facts) return;
  form.setFieldsValue({ birthDate: dayjs(facts.birthDate), gender: facts.gender });
}

interface Props {
  form: FormInstance<ResidentFormValues>;
  labels: Labels;
  /** Editing an existing record: personal fields left empty keep their value. */
  resident?: Resident;
}

export function ResidentFormFields({ form, labels, resident }: Props) {
  const t = useT();
  const idType = Form.useWatch('idType', form);
  const idNumber = Form.useWatch('idNumber', form);
  const registrationType = Form.useWatch('registrationType', form);
  const householdId = Form.useWatch('householdId', form);
  const orgId = Form.useWatch('orgId', form);
  // Gender and birth date follow from an ID card: a valid new number, or the stored card when none is typed.
  const derived =
    idType === 'idCard' &&
    (idNumber ? !('problem' in parseIdCard(idNumber)) : !!resident && resident.idType === 'idCard');
  const keep = resident ? t('residents.form.keep') : undefined;

  return (
    <>
      <Form.Item name="name" label={t('residents.field.name')} extra={resident ? `${resident.nameMasked} · ${keep}` : undefined}
        rules={[{ required: !resident, whitespace: true, max: 50 }]}>
        <Input maxLength={50} autoComplete="off" data-testid="resident-form-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={9}>
          <Form.Item name="idType" label={t('residents.field.idType')} rules={[{ required: true }]}>
            <Select options={labels.options('idTypes')} data-testid="resident-form-idtype" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={15}>
          <Form.Item
            name="idNumber"
            label={t('residents.field.idNumber')}
            extra={resident ? `${resident.idMasked ?? '—'} · ${keep}` : undefined}
            validateFirst
            rules={[
              { required: !resident, whitespace: true, max: 40 },
              {
                validator: async (_r, v: string | undefined) => {
                  if (!v || form.getFieldValue('idType') !== 'idCard') return;
                  const facts = parseIdCard(v);
                  if ('problem' in facts) throw new Error(t(PROBLEM_KEYS[facts.problem]));
                },
              },
            ]}
          >
            <Input maxLength={40} autoComplete="off" data-testid="resident-form-idnumber" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={9}>
          <Form.Item name="gender" label={t('residents.field.gender')} rules={[{ required: !resident && !derived }]}
            extra={derived ? t('residents.form.fromId') : undefined}>
            <Radio.Group options={labels.options('genders')} disabled={derived} data-testid="resident-form-gender" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={15}>
          <Form.Item name="birthDate" label={t('residents.field.birthDate')}
            extra={derived ? t('residents.form.fromId') : resident?.birthYear ? `${resident.birthYear} · ${keep}` : undefined}>
            <DatePicker style={{ width: '100%' }} disabled={derived} disabledDate={(d) => d.isAfter(dayjs())}
              data-testid="resident-form-birthdate" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('residents.field.phone')} extra={resident?.phoneMasked ? `${resident.phoneMasked} · ${keep}` : undefined}
            rules={[{ pattern: /^(\+?86)?[\s-]*1[3-9](\d[\s-]*){9}$/, message: t('residents.form.phoneInvalid') }]}>
            <Input inputMode="tel" maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="ethnicity" label={t('residents.field.ethnicity')} rules={[{ max: 20 }]}>
            <Input maxLength={20} placeholder={t('residents.form.ethnicityHint')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="politicalStatus" label={t('residents.field.politicalStatus')}>
            <Select allowClear options={labels.options('politicalStatuses')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="registrationType" label={t('residents.field.registrationType')} rules={[{ required: true }]}>
            <Select options={labels.options('registrationTypes')} data-testid="resident-form-registration" />
          </Form.Item>
        </Col>
      </Row>
      {registrationType === 'migrant' && (
        <Form.Item name="arrivalDate" label={t('residents.field.arrivalDate')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} data-testid="resident-form-arrival" />
        </Form.Item>
      )}
      {!resident && (
        <>
          <Form.Item name="householdId" label={t('residents.field.household')} extra={t('residents.form.householdHint')}>
            <HouseholdPicker orgId={orgId} data-testid="resident-form-household" />
          </Form.Item>
          {!householdId && (
            <Form.Item name="orgId" label={t('residents.field.org')} rules={[{ required: true, message: t('residents.form.orgRequired') }]}>
              <ScopeOrgPicker levels={['grid', 'community']} data-testid="resident-form-org" />
            </Form.Item>
          )}
        </>
      )}
      {(householdId || resident?.householdId) && (
        <Form.Item name="relation" label={t('residents.field.relation')} rules={[{ required: !resident }]}>
          <Select options={labels.options('relations')} data-testid="resident-form-relation" />
        </Form.Item>
      )}
      <Form.Item name="tags" label={t('residents.field.tags')} extra={t('residents.form.tagsHint')}>
        <Select mode="multiple" allowClear options={labels.options('tags', (l) => !l.derived)} data-testid="resident-form-tags" />
      </Form.Item>
      <Form.Item name="note" label={t('residents.field.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}
