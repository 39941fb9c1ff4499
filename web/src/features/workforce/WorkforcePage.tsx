import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { SocialWorkersTab, StationsTab } from './PeopleTabs';
import { ProfilesTab } from './ProfilesTab';
import { ConfigTab } from './ConfigTab';

/** 社工与社区工作者: community workers on the career ladder, social workers, stations, and the pay configuration. */
export default function WorkforcePage() {
  const t = useT();
  const session = useSession();
  const canManage = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.workforceManage);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'profiles';
  const items = [
    { key: 'profiles', label: t('wf.tab.profiles'), children: <ProfilesTab canManage={canManage} /> },
    { key: 'socialWorkers', label: t('wf.tab.socialWorkers'), children: <SocialWorkersTab canManage={canManage} /> },
    { key: 'stations', label: t('wf.tab.stations'), children: <StationsTab canManage={canManage} /> },
    { key: 'config', label: t('wf.tab.config'), children: <ConfigTab /> },
  ];
  return (
    <Card title={t('wf.title')} data-testid="workforce-page">
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
