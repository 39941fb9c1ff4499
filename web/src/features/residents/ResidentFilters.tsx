import { useState } from 'react';
import { Button, Input, InputNumber, Select, Space } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useT } from '../../lib/i18n';
import type { Labels } from './meta';
import type { Gender, PoliticalStatus, RegistrationType, ResidentFilter, ResidentStatus } from './types';

interface Props {
  value: ResidentFilter;
  onChange: (next: ResidentFilter) => void;
  labels: Labels;
}

/** Filter bar of the residents list; every change goes back to page 1 (the caller does that). */
export function ResidentFilters({ value, onChange, labels }: Props) {
  const t = useT();
  const [text, setText] = useState(value.q ?? '');
  const set = (patch: Partial<ResidentFilter>) => onChange({ ...value, ...patch });
  const tags = value.tags ? value.tags.split(',') : [];

  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="resident-filters">
      <ScopeOrgPicker
        value={value.orgId}
        onChange={(orgId) => set({ orgId })}
        placeholder={t('residents.filter.org')}
        style={{ width: 240 }}
        data-testid="resident-filter-org"
      />
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('residents.filter.q')}
        style={{ width: 280 }}
        maxLength={50}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        data-testid="resident-search"
      />
      <Input.Search
        allowClear
        defaultValue={value.address}
        placeholder={t('residents.filter.address')}
        style={{ width: 200 }}
        maxLength={100}
        onSearch={(a) => set({ address: a.trim() || undefined })}
        data-testid="resident-filter-address"
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('residents.filter.tags')}
        style={{ minWidth: 200 }}
        value={tags}
        onChange={(v) => set({ tags: v.length ? v.join(',') : undefined })}
        options={labels.options('tags')}
        data-testid="resident-filter-tags"
      />
      <Space.Compact>
        <InputNumber<number>
          min={0}
          max={150}
          precision={0}
          placeholder={t('residents.filter.ageMin')}
          value={value.ageMin ?? null}
          onChange={(v) => set({ ageMin: v ?? undefined })}
          style={{ width: 100 }}
        />
        <InputNumber<number>
          min={0}
          max={150}
          precision={0}
          placeholder={t('residents.filter.ageMax')}
          value={value.ageMax ?? null}
          onChange={(v) => set({ ageMax: v ?? undefined })}
          style={{ width: 100 }}
        />
      </Space.Compact>
      <Select<RegistrationType>
        allowClear
        placeholder={t('residents.field.registrationType')}
        style={{ width: 130 }}
        value={value.registrationType}
        onChange={(registrationType) => set({ registrationType })}
        options={labels.options('registrationTypes') as { value: RegistrationType; label: string }[]}
      />
      <Select<Gender>
        allowClear
        placeholder={t('residents.field.gender')}
        style={{ width: 100 }}
        value={value.gender}
        onChange={(gender) => set({ gender })}
        options={labels.options('genders') as { value: Gender; label: string }[]}
      />
      <Select<PoliticalStatus>
        allowClear
        placeholder={t('residents.field.politicalStatus')}
        style={{ width: 150 }}
        value={value.politicalStatus}
        onChange={(politicalStatus) => set({ politicalStatus })}
        options={labels.options('politicalStatuses') as { value: PoliticalStatus; label: string }[]}
      />
      <Select<ResidentStatus | 'all'>
        style={{ width: 120 }}
        value={value.status ?? 'active'}
        onChange={(status) => set({ status })}
        options={[
          ...(labels.options('statuses') as { value: ResidentStatus; label: string }[]),
          { value: 'all', label: t('residents.status.all') },
        ]}
        data-testid="resident-filter-status"
      />
      <Button
        onClick={() => {
          setText('');
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Space>
  );
}
