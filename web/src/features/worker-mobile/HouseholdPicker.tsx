import { useState } from 'react';
import { Button, Input, List, Spin, Typography } from 'antd';
import { CheckCircleFilled, HomeOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { useHouseholds } from './api';
import type { Household } from './types';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  value?: Household | null;
  onChange?: (value: Household | null) => void;
}

/** Search the households of my grid by place (小区/楼/单元) and tap one; shows masked addresses only. */
export function HouseholdPicker({ value, onChange }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const query = useHouseholds(q, 1, 10);

  if (value)
    return (
      <div
        data-testid="visit-household-select"
        style={{ display: 'flex', alignItems: 'center', gap: 8, padding: 12, border: '1px solid #91caff', borderRadius: 8, background: '#e6f4ff' }}
      >
        <CheckCircleFilled style={{ color: '#1677ff', fontSize: 20 }} />
        <div style={{ flex: 1, minWidth: 0 }} data-testid="visit-household-picked">
          <div style={{ fontWeight: 600 }}>{value.addressMasked || value.place}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {value.orgName}
          </Typography.Text>
        </div>
        <Button onClick={() => onChange?.(null)} data-testid="visit-household-change">
          {t('wm.change')}
        </Button>
      </div>
    );

  return (
    <div data-testid="visit-household-select">
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('wm.householdSearch')}
        data-testid="visit-household-search"
      />
      <List
        style={{ marginTop: 8, background: '#fff', borderRadius: 8 }}
        bordered
        loading={query.isFetching && !query.data}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('wm.householdNone') }}
        dataSource={query.data?.items ?? []}
        renderItem={(h) => (
          <List.Item
            onClick={() => onChange?.(h)}
            style={{ cursor: 'pointer', minHeight: 56 }}
            data-testid={`visit-household-option-${h.id}`}
            extra={<HomeOutlined style={{ color: '#999' }} />}
          >
            <List.Item.Meta
              title={h.addressMasked || h.place}
              description={t('wm.householdMeta', { head: h.headNameMasked ? `${h.headNameMasked} · ` : '', org: h.orgName, n: h.memberCount, id: h.id })}
            />
          </List.Item>
        )}
      />
      {query.isFetching && query.data && <Spin size="small" style={{ marginTop: 8 }} />}
      {(query.data?.total ?? 0) > 10 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('wm.householdMore', { total: query.data?.total ?? 0 })}
        </Typography.Text>
      )}
    </div>
  );
}
