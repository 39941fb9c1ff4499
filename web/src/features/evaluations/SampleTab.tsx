import { useState } from 'react';
import { Empty, Flex, Progress, Select, Table, Tag, Typography } from 'antd';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination, type PageState } from '../../components/pagination';
import { useT } from '../../lib/i18n';
import { exportFile, useSample } from './api';
import type { Campaign, SampleRow } from './types';

/** The drawn households and the survey's response progress; managers export the sample with each household's link. */
export function SampleTab({ c }: { c: Campaign }) {
  const t = useT();
  const [answered, setAnswered] = useState<boolean | undefined>();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const q = useSample(c.id, { answered }, page);
  const pct = q.data?.drawn ? Math.round((100 * q.data.answered) / q.data.drawn) : 0;
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('ev.progress')}</Typography.Text>
        <Progress percent={pct} style={{ width: 260 }} format={() => `${q.data?.answered ?? 0} / ${q.data?.drawn ?? 0}`} data-testid="ev-progress" />
        <Select allowClear placeholder={t('ev.col.answered')} style={{ width: 140 }} value={answered} onChange={(v) => { setAnswered(v); setPage((p) => ({ ...p, page: 1 })); }}
          options={[{ value: true, label: t('ev.answered') }, { value: false, label: t('ev.notAnswered') }]} />
        <span style={{ flex: 1 }} />
        {c.actions.includes('sample')
          ? <ExportButton run={() => exportFile(`/eval-campaigns/${c.id}/sample.xlsx`, {}, 'sample.xlsx')} label={t('ev.exportLinks')} hint={t('ev.exportLinksHint')} testId="ev-sample-export" /> : null}
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<SampleRow> rowKey="id" size="small" loading={q.isFetching} dataSource={q.data?.items ?? []} pagination={pagination(t, page, q.data?.total, setPage)}
          locale={{ emptyText: <Empty description={t('ev.noSample')} /> }}
          columns={[
            { title: t('ev.col.pool'), dataIndex: 'poolName' },
            { title: '#', dataIndex: 'drawOrder', width: 60 },
            { title: t('ev.col.area'), dataIndex: 'orgName' },
            { title: t('ev.col.place'), dataIndex: 'address' },
            { title: t('ev.col.answered'), dataIndex: 'answeredAt', render: (v: string | null, r) => (v ? <Tag color="success">{new Date(v).toLocaleString()} · {r.answeredVia === 'app' ? t('ev.viaApp') : t('ev.viaLink')}</Tag> : <Tag>{t('ev.notAnswered')}</Tag>) },
          ]} />
      )}
    </Flex>
  );
}
