import { Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { RevealValue } from '../../components/RevealValue';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { revealResident } from './api';
import type { Labels } from './meta';
import { ResidentTags } from './ResidentTags';
import type { Resident } from './types';

/** The record's fields, masked as the server sends them; each personal field has its own audited 查看. */
export function ResidentInfo({ resident: r, labels }: { resident: Resident; labels: Labels }) {
  const t = useT();
  const canReveal = r.actions.includes('reveal');
  return (
    <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} data-testid="resident-info">
      <Descriptions.Item label={t('residents.field.name')}>
        <RevealValue
          masked={r.nameMasked}
          canReveal={canReveal}
          title={t('residents.reveal.name')}
          onReveal={(reason) => revealResident(r.id, 'name', reason)}
          testId="resident-name"
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.gender')}>{labels.label('genders', r.gender)}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.birthYear')}>
        {r.birthYear ?? '—'}
        {r.age !== null && <Typography.Text type="secondary">{` · ${t('residents.ageYears', { age: r.age })}`}</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.idType')}>{labels.label('idTypes', r.idType)}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.idNumber')}>
        <RevealValue
          masked={r.idMasked}
          canReveal={canReveal}
          title={t('residents.reveal.idNumber')}
          onReveal={(reason) => revealResident(r.id, 'idNumber', reason)}
          testId="resident-id"
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.phone')}>
        <RevealValue
          masked={r.phoneMasked}
          canReveal={canReveal}
          title={t('residents.reveal.phone')}
          onReveal={(reason) => revealResident(r.id, 'phone', reason)}
          testId="resident-phone"
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.ethnicity')}>{r.ethnicity ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.politicalStatus')}>{labels.label('politicalStatuses', r.politicalStatus)}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.registrationType')}>
        {labels.label('registrationTypes', r.registrationType)}
        {r.arrivalDate && <Typography.Text type="secondary">{` · ${t('residents.arrivedOn', { date: r.arrivalDate })}`}</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.household')}>
        {r.householdId ? (
          <Link to={`/app/places/households/${r.householdId}`}>{r.householdPlace ?? `#${r.householdId}`}</Link>
        ) : (
          t('residents.noHousehold')
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.relation')}>{labels.label('relations', r.relation)}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.org')}>{r.orgName}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.tags')} span={{ xs: 1, md: 2, xl: 3 }}>
        <ResidentTags tags={r.tags} labels={labels} />
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.note')} span={{ xs: 1, md: 2, xl: 3 }}>
        {r.note ?? '—'}
      </Descriptions.Item>
      {r.statusReason && (
        <Descriptions.Item label={t('residents.field.statusReason')} span={{ xs: 1, md: 2, xl: 3 }}>
          {r.statusReason}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('residents.field.account')}>
        {r.hasAccount ? t('residents.account.yes') : t('residents.account.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('residents.field.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('residents.field.updatedAt')}>{formatDateTime(r.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}
