import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { RevealValue } from '../../components/RevealValue';
import { pagination } from '../../components/pagination';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { downloadCertificate, exportVolunteers, revealPhone, useVolunteers } from './api';
import { skillLabel, skillList, Stars } from './labels';
import { AVAILABILITY, SKILLS, type Volunteer } from './types';

/** /app/volunteers: the volunteers in scope, searchable by name and skill, exported masked. */
export default function VolunteersPage() {
  const t = useT();
  const feedback = useFeedback();
  const [q, setQ] = useState('');
  const [skill, setSkill] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useVolunteers({ q: q || undefined, skill, ...page });
  const cert = (id: number) => downloadCertificate(id).catch(feedback.error);

  return (
    <Card
      title={t('vol.nav.volunteers')}
      extra={<ExportButton run={() => exportVolunteers({ q: q || undefined, skill })} testId="volunteers-export" />}
      data-testid="volunteers-page"
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('vol.search')} onSearch={(v) => { setQ(v.trim()); setPage({ ...page, page: 1 }); }} style={{ width: 220 }} data-testid="volunteers-search" />
        <Select allowClear placeholder={t('vol.anySkill')} style={{ width: 160 }} value={skill} onChange={(v) => { setSkill(v); setPage({ ...page, page: 1 }); }}
          options={SKILLS.map((s) => ({ value: s, label: skillLabel(t, s) }))} />
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<Volunteer>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('vol.empty.volunteers') }}
          pagination={pagination(t, page, query.data?.total, setPage)}
          columns={[
            { title: t('vol.f.name'), dataIndex: 'name' },
            { title: t('vol.f.org'), dataIndex: 'orgName' },
            {
              title: t('vol.f.phone'), dataIndex: 'phoneMasked',
              render: (_, v) => <RevealValue masked={v.phoneMasked} canReveal={v.actions.includes('revealPhone')} title={t('vol.revealPhone')} onReveal={(reason) => revealPhone(v.id, reason)} />,
            },
            { title: t('vol.f.skills'), dataIndex: 'skills', render: (s: string[], v) => <Typography.Text>{skillList(t, s)}{v.skillNote ? `（${v.skillNote}）` : ''}</Typography.Text> },
            { title: t('vol.f.availability'), dataIndex: 'availability', render: (a: string[]) => a.filter((x) => (AVAILABILITY as readonly string[]).includes(x)).map((x) => t(`vol.avail.${x as (typeof AVAILABILITY)[number]}`)).join('、') || t('common.empty') },
            { title: t('vol.f.hours'), dataIndex: 'hours', align: 'right' },
            { title: t('vol.f.star'), dataIndex: 'starLevel', render: (n: number) => <Stars level={n} t={t} /> },
            { title: t('common.actions'), key: 'a', render: (_, v) => <Button size="small" icon={<FilePdfOutlined />} onClick={() => void cert(v.id)}>{t('vol.certificate')}</Button> },
          ]}
        />
      )}
    </Card>
  );
}
