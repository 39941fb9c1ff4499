import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { MembersTab } from './MembersTab';
import { UnitsTab } from './UnitsTab';
import { ContractsTab } from './ContractsTab';
import { NeedsTab, OffersTab, PostsTab } from './ListsTab';
import { ClaimsTab } from './ClaimsTab';

/** 双报到与共建: party members, partner units and contracts, the three lists, posts and claims. */
export default function PartnersPage() {
  const t = useT();
  const session = useSession();
  const canManage = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.partnerManage);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'members';
  const items = [
    { key: 'members', label: t('partners.tab.members'), children: <MembersTab canManage={canManage} /> },
    { key: 'units', label: t('partners.tab.units'), children: <UnitsTab canManage={canManage} /> },
    { key: 'contracts', label: t('partners.tab.contracts'), children: <ContractsTab canManage={canManage} /> },
    { key: 'needs', label: t('partners.tab.needs'), children: <NeedsTab canManage={canManage} /> },
    { key: 'offers', label: t('partners.tab.offers'), children: <OffersTab canManage={canManage} /> },
    { key: 'posts', label: t('partners.tab.posts'), children: <PostsTab canManage={canManage} /> },
    { key: 'claims', label: t('partners.tab.claims'), children: <ClaimsTab /> },
  ];
  return (
    <Card title={t('partners.title')} data-testid="partners-page">
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
