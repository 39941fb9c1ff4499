import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { Forbidden } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import { ApiKeysTab } from './ApiKeysTab';
import { CategoriesTab } from './CategoriesTab';
import { RoutesTab } from './RoutesTab';

/** /app/request-config — 诉求配置: the category catalogue, routing rules and Open311 keys (each tab for who may change it). */
export default function ConfigPage() {
  const t = useT();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  if (session.status !== 'authenticated') return null;
  const catalogue = hasPermission(session.me, PERMISSIONS.requestCatalogue);
  const area = hasPermission(session.me, PERMISSIONS.requestConfigure);
  if (!catalogue && !area) return <Forbidden />;

  const items = [
    { key: 'categories', label: t('req.cfg.categories'), children: <CategoriesTab canEdit={catalogue} /> },
    ...(area
      ? [
          { key: 'routes', label: t('req.cfg.routes'), children: <RoutesTab /> },
          { key: 'keys', label: t('req.cfg.keys'), children: <ApiKeysTab /> },
        ]
      : []),
  ];
  const tab = items.some((i) => i.key === search.get('tab')) ? (search.get('tab') as string) : 'categories';

  return (
    <Card title={t('nav.requestConfig')} data-testid="request-config">
      <Tabs
        activeKey={tab}
        destroyOnHidden
        items={items}
        onChange={(key) => setSearch({ tab: key }, { replace: true })}
        data-testid="request-config-tabs"
      />
    </Card>
  );
}
