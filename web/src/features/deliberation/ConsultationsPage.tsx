import { Card, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import { PagedTable } from './PagedTable';
import { fmtTime, key } from './labels';
import type { Consultation } from './types';

/** Console: written and online consultations of the scope (started from a topic's page). */
export default function ConsultationsPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card title={t('delib.consult.title')} data-testid="delib-consultations">
      <PagedTable<Consultation> path="/delib-consultations" testId="delib-consultations-list" empty={t('delib.consult.empty')} onRow={(r) => navigate(`/app/delib-consultations/${r.id}`)}
        filters={[
          { name: 'orgId', kind: 'org', placeholder: t('delib.filter.org') },
          { name: 'status', kind: 'select', placeholder: t('delib.col.status'), options: [{ value: 'open', label: t('delib.status.deliberating') }, { value: 'closed', label: t('delib.consult.closed') }] },
          { name: 'q', kind: 'search', placeholder: t('delib.col.title') },
        ]}
        columns={[
          { title: t('delib.col.title'), dataIndex: 'title', render: (v: string) => <a>{v}</a> },
          { title: t('delib.col.topic'), dataIndex: 'topicTitle' },
          { title: t('delib.col.mode'), dataIndex: 'mode', render: (m: string) => t(key('mode', m)) },
          { title: t('delib.col.comments'), dataIndex: 'comments' },
          { title: t('delib.col.closesAt'), dataIndex: 'closesAt', render: fmtTime },
          { title: t('delib.col.status'), dataIndex: 'open', render: (o: boolean) => <Tag color={o ? 'green' : 'default'}>{o ? t('delib.status.deliberating') : t('delib.consult.closed')}</Tag> },
        ]} />
    </Card>
  );
}
