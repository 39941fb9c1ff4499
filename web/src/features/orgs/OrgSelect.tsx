import { useState } from 'react';
import { Select, Spin } from 'antd';
import { levelLabel, type OrgLevel } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useOrgSearch } from './api';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  value?: number;
  onChange?: (value: number) => void;
  /** Label for the current value (e.g. orgName of the user being edited). */
  initialLabel?: string;
  placeholder?: string;
  id?: string;
  /** Only offer orgs of these levels (e.g. the levels a role may be bound to). */
  levels?: readonly OrgLevel[];
}

/** Remote-search org picker (GET /orgs?q=) for use inside antd forms. */
export function OrgSelect({ value, onChange, initialLabel, placeholder, id, levels }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const level = levels?.length === 1 ? levels[0] : undefined;
  const search = useOrgSearch({ q, level, page: 1, pageSize: 20 }, q.length > 0);

  const found = (search.data?.items ?? []).filter((o) => !levels || levels.includes(o.level));
  const options = found.map((o) => ({
    value: o.id,
    label: `${o.name}（${levelLabel(t, o.level)}）`,
    title: o.code,
  }));
  if (value !== undefined && initialLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialLabel, title: initialLabel });
  }

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? t('user.orgSearch')}
      options={options}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q ? t('org.searchEmpty') : null}
      style={{ width: '100%' }}
    />
  );
}
