import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useT } from '../../lib/i18n';
import { useUserSearch } from './api';
import type { UserOption } from './types';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Called with the picked account so the form can fill in the holder's name. */
  onPick?: (user: UserOption | null) => void;
  initialLabel?: string | null;
  id?: string;
  testId?: string;
}

/** Optional link of a post holder to a staff account (GET /users, scoped by the server). */
export function HolderUserSelect({ value, onChange, onPick, initialLabel, id, testId }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const search = useUserSearch(q, undefined, q.length > 0);
  const found = (search.data?.items ?? []).filter((u) => u.role !== 'resident');
  const options = found.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username} · ${u.orgName}）` }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialLabel ?? `#${value}` });
  }
  return (
    <Select<number>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(v) => {
        onChange?.(v ?? null);
        onPick?.(found.find((u) => u.id === v) ?? null);
      }}
      placeholder={t('gw.accountPlaceholder')}
      options={options}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q ? t('gw.accountNotFound') : t('gw.orgTypeToSearch')}
      data-testid={testId}
    />
  );
}
