import { useState } from 'react';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useT } from '../../lib/i18n';
import { CategoryPicker } from './CategoryPicker';
import { kindOptions, statusOptions } from './labels';
import { VIEWS, type Kind, type ListFilter, type Status, type View } from './types';

interface Props {
  value: ListFilter;
  onChange: (next: ListFilter) => void;
}

/** The board's filter bar: view, status, kind, category, area, text and submission dates. */
export function BoardFilters({ value, onChange }: Props) {
  const t = useT();
  const [text, setText] = useState(value.q ?? '');
  const set = (patch: Partial<ListFilter>) => onChange({ ...value, ...patch });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;

  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="board-filters">
      <Select<View>
        style={{ width: 130 }}
        value={value.view ?? 'open'}
        onChange={(view) => set({ view })}
        options={VIEWS.map((v) => ({ value: v, label: t(`req.view.${v}`) }))}
        data-testid="filter-view"
      />
      <Select<Status>
        allowClear
        style={{ width: 120 }}
        placeholder={t('req.filter.status')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={statusOptions(t)}
        data-testid="filter-status"
      />
      <Select<Kind>
        allowClear
        style={{ width: 110 }}
        placeholder={t('req.filter.kind')}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        options={kindOptions(t)}
        data-testid="filter-kind"
      />
      <CategoryPicker
        allowClear
        style={{ width: 180 }}
        placeholder={t('req.filter.category')}
        value={value.categoryId}
        onChange={(categoryId) => set({ categoryId })}
        testId="filter-category"
      />
      <ScopeOrgPicker
        value={value.orgId}
        onChange={(orgId) => set({ orgId })}
        placeholder={t('req.filter.org')}
        levels={['street', 'community', 'grid']}
        style={{ width: 220 }}
        data-testid="filter-org"
      />
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        placeholder={t('req.filter.q')}
        maxLength={50}
        style={{ width: 220 }}
        data-testid="filter-q"
      />
      <DatePicker.RangePicker
        value={range}
        placeholder={[t('req.filter.from'), t('req.filter.to')]}
        onChange={(d) => set({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
        data-testid="filter-dates"
      />
      <Button
        onClick={() => {
          setText('');
          onChange({ view: value.view });
        }}
        data-testid="filter-reset"
      >
        {t('common.reset')}
      </Button>
    </Space>
  );
}
