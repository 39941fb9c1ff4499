import { useState } from 'react';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import { PERMISSIONS } from '../../lib/domain';
import { hasPermission, useSession } from '../auth/session';
import { DonationsTab } from './DonationsTab';
import { DonorsTab } from './DonorsTab';
import { ItemsTab } from './ItemsTab';
import { RedemptionsTab } from './RedemptionsTab';

/** /app/store 爱心超市: goods and stock, donors, donations, redemptions; the counter is its own page. */
export default function StorePage() {
  const t = useT();
  const session = useSession();
  const [tab, setTab] = useState('items');
  if (session.status !== 'authenticated') return null;
  const canManage = hasPermission(session.me, PERMISSIONS.storeManage);
  return (
    <Card data-testid="store-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 8 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('store.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('store.subtitle')}</Typography.Text>
        </div>
        {canManage && <Link to="/app/store/counter"><Button type="primary" icon={<ScanOutlined />} data-testid="store-go-counter">{t('store.counter.title')}</Button></Link>}
      </Flex>
      <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={[
        { key: 'items', label: t('store.tab.items'), children: <ItemsTab canManage={canManage} /> },
        { key: 'donors', label: t('store.tab.donors'), children: <DonorsTab canManage={canManage} /> },
        { key: 'donations', label: t('store.tab.donations'), children: <DonationsTab /> },
        { key: 'redemptions', label: t('store.tab.redemptions'), children: <RedemptionsTab canManage={canManage} /> },
      ]} />
    </Card>
  );
}
