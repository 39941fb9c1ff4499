import { Alert, Button, Card, Empty, Flex, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useBudgets, useProjects } from './api';
import { ProjectTag, yuan } from './labels';

/** /m/micro: my community's micro-project budgets, the round to vote in, propose, my proposals and the public projects. */
export default function MobileMicroHome() {
  const t = useT();
  const budgets = useBudgets({ page: 1, pageSize: 5 });
  const projects = useProjects({ page: 1, pageSize: 50 });
  return (
    <MobilePage title={t('mp.tile.title')} back="/m" testId="m-micro">
      {budgets.isPending ? <PageSpinner /> : budgets.isError ? <ErrorState error={budgets.error} onRetry={() => void budgets.refetch()} /> : (
        <Flex vertical gap={12}>
          {budgets.data.items.length === 0 && <Empty description={t('mp.m.noBudget')} />}
          {budgets.data.items.map((b) => (
            <Card key={b.id} size="small" title={t('mp.budget.ofYear', { year: b.year })} data-testid={`m-budget-${b.id}`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space size="large">
                  <Statistic title={t('mp.f.amount')} value={yuan(b.amountFen)} />
                  <Statistic title={t('mp.f.leftover')} value={yuan(b.leftoverFen)} />
                </Space>
                {b.openRoundId && (
                  <Link to={`/m/micro/rounds/${b.openRoundId}`} data-testid="m-open-round">
                    <Alert type="success" showIcon message={t('mp.m.roundOpen')} />
                  </Link>
                )}
                {b.actions.includes('propose') && (
                  <Link to={`/m/micro/propose?budget=${b.id}`}><Button type="primary" block data-testid="m-propose">{t('mp.m.propose')}</Button></Link>
                )}
              </Space>
            </Card>
          ))}
          <Link to="/m/micro/mine"><Button block data-testid="m-my-proposals">{t('mp.m.mine')}</Button></Link>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>{t('mp.m.projects')}</Typography.Title>
          {projects.isError ? <ErrorState error={projects.error} /> : !projects.data?.items.length ? <Empty description={t('mp.empty.projects')} /> : projects.data.items.map((p) => (
            <Link key={p.id} to={`/m/micro/projects/${p.id}`} data-testid={`m-project-${p.id}`}>
              <Card size="small" hoverable>
                <Space direction="vertical" size={2}>
                  <Space><Typography.Text strong>{p.title}</Typography.Text><ProjectTag status={p.status} t={t} /></Space>
                  <Typography.Text type="secondary">{t('mp.spentOf', { spent: yuan(p.spentFen), cost: yuan(p.costFen) })} · {t('mp.m.milestones', { done: p.milestonesDone, total: p.milestonesTotal })}</Typography.Text>
                </Space>
              </Card>
            </Link>
          ))}
        </Flex>
      )}
    </MobilePage>
  );
}
