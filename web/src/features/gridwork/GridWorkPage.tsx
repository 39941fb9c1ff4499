import { useState } from 'react';
import { Card, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import { CoverageTab } from './CoverageTab';
import { LogsTab } from './LogsTab';
import { MeetingsTab } from './MeetingsTab';
import { OrgScopeSelect } from './OrgScopeSelect';
import { PostsTab } from './PostsTab';
import { VisitsTab } from './VisitsTab';

const TABS = ['posts', 'coverage', 'visits', 'logs', 'meetings'] as const;
type Tab = (typeof TABS)[number];

/** 网格工作 (PC): 1+4+X staffing, coverage dashboard, visits, work logs and weekly meetings. */
export default function GridWorkPage() {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'posts';
  // undefined = the user's own org (the server's default).
  const [orgId, setOrgId] = useState<number | undefined>(undefined);

  const items = [
    { key: 'posts', label: t('gw.tab.posts'), children: <PostsTab orgId={orgId} /> },
    { key: 'coverage', label: t('gw.tab.coverage'), children: <CoverageTab orgId={orgId} /> },
    { key: 'visits', label: t('gw.tab.visits'), children: <VisitsTab orgId={orgId} /> },
    { key: 'logs', label: t('gw.tab.logs'), children: <LogsTab orgId={orgId} /> },
    { key: 'meetings', label: t('gw.tab.meetings'), children: <MeetingsTab orgId={orgId} /> },
  ];

  return (
    <Card title={t('nav.gridwork')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('gw.scope')}</Typography.Text>
        <OrgScopeSelect value={orgId} onChange={setOrgId} placeholder={t('gw.scopeOwn')} testId="gw-scope" />
      </Space>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setSearch((s) => {
          const next = new URLSearchParams(s);
          next.set('tab', key);
          return next;
        }, { replace: true })}
        items={items}
        data-testid="gw-tabs"
      />
    </Card>
  );
}
