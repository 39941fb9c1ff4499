import { useState } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import { useHouseholdSearch } from './api';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  /** Label for a current value not in the search results (e.g. the resident's household place). */
  initialLabel?: string | null;
  /** Narrow the search to one org (grid/community) when chosen. */
  orgId?: number;
  id?: string;
  'data-testid'?: string;
}

/** Remote-search household picker (GET /households?q= on the place text). */
export function HouseholdPicker({ value, onChange, initialLabel, orgId, id, ...rest }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [open, setOpen] = useState(false);
  const search = useHouseholdSearch(q, orgId, open || q.length > 0);

  const options = (search.data?.items ?? []).map((h) => ({
    value: h.id,
    label: h.addressMasked,
    desc: `${h.headNameMasked ? `${h.headNameMasked} · ` : ''}${h.orgName} · ${t('residents.household.members', { count: h.memberCount })}`,
  }));
  if (value && initialLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialLabel, desc: '' });
  }

  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      onOpenChange={setOpen}
      placeholder={t('residents.household.search')}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.desc && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.desc}
            </Typography.Text>
          )}
        </div>
      )}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('common.noData')}
      style={{ width: '100%' }}
    />
  );
}
