import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Paged } from '../../lib/api';
import { useDebounced } from '../../lib/useDebounced';

/** Picks a partner unit or a social organization in the user's scope by name (their own list APIs, server-side search). */
export function SubjectSearch({ kind, value, onChange, placeholder }: { kind: 'partnerUnit' | 'socialOrg'; value?: number; onChange: (v: number | undefined) => void; placeholder: string }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const path = kind === 'partnerUnit' ? '/partner-units' : '/social-orgs';
  const r = useQuery({
    queryKey: ['evaluations', 'subjects', kind, q],
    queryFn: () => api.get<Paged<{ id: number; name: string; orgName?: string }>>(path, { ...(q ? { q } : {}), ...(kind === 'socialOrg' ? { status: 'active' } : {}), page: 1, pageSize: 30 }),
  });
  return (
    <Select showSearch allowClear filterOption={false} value={value} onChange={(v) => onChange(v ?? undefined)} onSearch={setText} placeholder={placeholder}
      loading={r.isFetching} style={{ width: 280 }} data-testid="ev-add-subject" notFoundContent={null}
      options={(r.data?.items ?? []).map((o) => ({ value: o.id, label: o.orgName ? `${o.name}（${o.orgName}）` : o.name }))} />
  );
}
