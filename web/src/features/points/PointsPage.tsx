import { useState } from 'react';
import { Button, Card, Flex, Space, Tabs, Typography } from 'antd';
import { GiftOutlined, SendOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PERMISSIONS } from '../../lib/domain';
import { hasPermission, useSession } from '../auth/session';
import { AccountsTab } from './AccountsTab';
import { AwardModal } from './AwardModal';
import { IssueModal } from './IssueModal';
import { SummaryTab } from './SummaryTab';
import { TxnsTab } from './TxnsTab';
import { VerifyButton } from './VerifyButton';
import type { Account } from './types';

/** /app/points: pools, accounts, movements; 下拨 / 奖励 / 账本校验 for those allowed. */
export default function PointsPage() {
  const t = useT();
  const session = useSession();
  const [dialog, setDialog] = useState<'issue' | 'award'>();
  const [tab, setTab] = useState('summary');
  const [txnAccount, setTxnAccount] = useState<Account>();
  const [accountOrg, setAccountOrg] = useState<{ id: number; name: string }>();
  if (session.status !== 'authenticated') return null;
  const { me } = session;
  const may = (p: string) => hasPermission(me, p);

  return (
    <Card data-testid="points-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 8 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('points.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('points.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          {may(PERMISSIONS.pointsIssue) && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('issue')} data-testid="points-issue">{t('points.issue.action')}</Button>
          )}
          {may(PERMISSIONS.pointsAward) && (
            <Button type="primary" ghost icon={<GiftOutlined />} onClick={() => setDialog('award')} data-testid="points-award">{t('points.award.action')}</Button>
          )}
          {may(PERMISSIONS.pointsVerify) && <VerifyButton />}
        </Space>
      </Flex>
      {may(PERMISSIONS.pointsRead) && (
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            // A tab opened by hand starts unfiltered; the links from a pool or a statement preset one.
            if (key === 'accounts') setAccountOrg(undefined);
            if (key === 'txns') setTxnAccount(undefined);
            setTab(key);
          }}
          destroyOnHidden
          items={[
            { key: 'summary', label: t('points.tab.summary'), children: <SummaryTab onOpenAccounts={(r) => { setAccountOrg({ id: r.orgId, name: r.orgName }); setTab('accounts'); }} /> },
            { key: 'accounts', label: t('points.tab.accounts'), children: <AccountsTab org={accountOrg} onShowTxns={(a) => { setTxnAccount(a); setTab('txns'); }} /> },
            { key: 'txns', label: t('points.tab.txns'), children: <TxnsTab account={txnAccount} onClearAccount={() => setTxnAccount(undefined)} /> },
          ]}
        />
      )}
      {dialog === 'issue' && <IssueModal onClose={() => setDialog(undefined)} />}
      {dialog === 'award' && <AwardModal onClose={() => setDialog(undefined)} />}
    </Card>
  );
}
