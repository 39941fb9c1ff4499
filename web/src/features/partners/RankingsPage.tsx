import { useState } from 'react';
import { Alert, Button, Card, Flex, InputNumber, Segmented, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useWrite } from './api';
import { StatusTag } from './labels';
import { PagedList } from './PagedList';
import type { RankingRow, Subject } from './types';

const THIS_YEAR = new Date().getFullYear();

/** 积分管理 + 考评: annual rankings of members and units per community, street and above; Excel; recompute. */
export default function RankingsPage() {
  const t = useT();
  const feedback = useFeedback();
  const session = useSession();
  const canAssess = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.partnerAssess);
  const [year, setYear] = useState(THIS_YEAR);
  const [subject, setSubject] = useState<Subject>('member');
  const recompute = useWrite<number>('post', () => '/partner-rankings/recompute', (y) => ({ year: y }));
  const columns: ColumnsType<RankingRow> = [
    { title: t('partners.col.rank'), dataIndex: 'rank', key: 'rank', width: 80 },
    { title: t('partners.col.name'), dataIndex: 'name', key: 'name' },
    { title: t('partners.col.org'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.hours'), dataIndex: 'hours', key: 'hours', align: 'right' },
    { title: t('partners.col.claimsDone'), dataIndex: 'claimsDone', key: 'claimsDone', align: 'right' },
    { title: t('partners.col.meanRating'), key: 'mr', align: 'right', render: (_, r) => (r.meanRating === null ? '—' : `${r.meanRating} (${r.ratingCount})`) },
    { title: t('partners.col.score'), dataIndex: 'score', key: 'score', align: 'right', render: (v: number, r) => <strong data-testid={`rank-${r.subjectId}-score`}>{v}</strong> },
    { title: t('partners.col.grade'), dataIndex: 'grade', key: 'grade', render: (v: string) => <StatusTag t={t} group="grade" value={v} /> },
  ];
  return (
    <Card title={t('partners.rankings.title')} data-testid="partner-rankings-page">
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('partners.rankings.formula')} />
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('partners.rankings.year')}</Typography.Text>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? THIS_YEAR)} data-testid="rankings-year" />
          <Segmented<Subject> value={subject} onChange={setSubject} options={[{ value: 'member', label: t('partners.subject.member') }, { value: 'unit', label: t('partners.subject.unit') }]} data-testid="rankings-subject" />
          {canAssess && (
            <Button icon={<ReloadOutlined />} loading={recompute.isPending} data-testid="rankings-recompute"
              onClick={() => recompute.mutateAsync(year).then(() => feedback.success(t('partners.rankings.recomputed'))).catch(feedback.error)}>
              {t('partners.rankings.recompute')}
            </Button>
          )}
        </Flex>
        <PagedList<RankingRow>
          key={`${year}-${subject}`}
          path="/partner-rankings" exportPath="/partner-rankings/export.xlsx" exportName={t('partners.file.ranking')} fixed={{ year, subject }} columns={columns}
          testId="partner-rankings" empty={t('partners.empty.ranking')} filters={[{ name: 'orgId', kind: 'org', placeholder: t('partners.rankings.scope') }]}
        />
      </Flex>
    </Card>
  );
}
