import { Card, Empty } from 'antd';
import { Navigate, useOutletContext } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import type { OrgsOutletContext } from './OrgsPage';

/** `/app/orgs`: open the first org of the user's scope. */
export default function OrgIndex() {
  const t = useT();
  const { rootIds } = useOutletContext<OrgsOutletContext>();
  if (rootIds.length > 0) return <Navigate to={`/app/orgs/${rootIds[0]}`} replace />;
  return (
    <Card>
      <Empty description={t('org.noScope')} />
    </Card>
  );
}
