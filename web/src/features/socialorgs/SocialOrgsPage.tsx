import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { OrgsTab } from './OrgsTab';
import { BasesTab } from './BasesTab';
import { ServicesTab } from './ServicesTab';

/** 社会组织: the registry, incubation bases and the incubation services. A social organization's own staff sees its own organization only. */
export default function SocialOrgsPage() {
  const t = useT();
  const session = useSession();
  const me = session.status === 'authenticated' ? session.me : null;
  const canManage = !!me && hasPermission(me, PERMISSIONS.socialorgManage);
  const ownOnly = me?.role === 'socialOrgStaff';
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'orgs';
  const items = [
    { key: 'orgs', label: t('so.tab.orgs'), children: <OrgsTab canManage={canManage} /> },
    ...(ownOnly ? [] : [{ key: 'bases', label: t('so.tab.bases'), children: <BasesTab canManage={canManage} /> }]),
    { key: 'services', label: t('so.tab.services'), children: <ServicesTab /> },
  ];
  return (
    <Card title={t('so.title')} data-testid="socialorgs-page">
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
