import { useState } from 'react';
import { Select, Spin } from 'antd';
import { levelLabel } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { useOrgSearch } from './api';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Levels offered (default: street, community, grid). */
  levels?: readonly string[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}

const DEFAULT_LEVELS = ['street', 'community', 'grid'];

/** Remote-search org picker limited to some levels; the user's own org is offered first. */
export function OrgScopeSelect({ value, onChange, levels = DEFAULT_LEVELS, placeholder, allowClear = true, style, id, testId }: Props) {
  const t = useT();
  const session = useSession();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [labels, setLabels] = useState<Record<number, string>>({});
  const search = useOrgSearch(q);
  const options = (search.data?.items ?? [])
    .filter((o) => levels.includes(o.level))
    .map((o) => ({ value: o.id, label: `${o.name}（${levelLabel(t, o.level)}）` }));
  const own = session.status === 'authenticated' ? session.me.org : null;
  if (own && levels.includes(own.level) && !options.some((o) => o.value === own.id)) {
    options.unshift({ value: own.id, label: `${own.name}（${levelLabel(t, own.level)}）` });
  }
  if (value !== undefined && !options.some((o) => o.value === value) && labels[value]) {
    options.unshift({ value, label: labels[value] });
  }

  return (
    <Select<number>
      id={id}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v) => {
        const picked = options.find((o) => o.value === v);
        if (picked && v !== undefined) setLabels((l) => ({ ...l, [v]: picked.label }));
        onChange?.(v);
      }}
      placeholder={placeholder ?? t('gw.orgPlaceholder')}
      options={options}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q ? t('gw.orgNotFound') : t('gw.orgTypeToSearch')}
      style={{ width: 260, ...style }}
      data-testid={testId}
    />
  );
}
