import { Card, Col, Row, Statistic } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../lib/i18n';
import { ListTable, useData } from './kit';
import { L, O, ROOT } from './OrgsTab';
import { SERVICE_KINDS, type Service } from './types';

/** The six basic incubation services: totals per kind and every record, with Excel. */
export function ServicesTab() {
  const t = useT();
  const sum = useData<{ items: { kind: string; count: number; hours: number }[] }>(ROOT, '/incubation-services/summary');
  const columns: ColumnsType<Service> = [
    { title: t('so.col.name'), dataIndex: 'socialOrgName', key: 'o' },
    { title: t('so.col.serviceKind'), dataIndex: 'kind', key: 'kind', render: (v: string) => L(t, 'kind', v) },
    { title: t('so.col.date'), dataIndex: 'providedOn', key: 'd' },
    { title: t('so.col.provider'), dataIndex: 'provider', key: 'p' },
    { title: t('so.col.hours'), dataIndex: 'hours', key: 'h', render: (v: number | null) => v ?? '—' },
    { title: t('so.col.notes'), dataIndex: 'notes', key: 'n', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="services-summary">
        {(sum.data?.items ?? []).map((s) => (
          <Col key={s.kind} xs={12} md={4}><Card size="small"><Statistic title={L(t, 'kind', s.kind)} value={s.count} suffix={t('so.times', { hours: s.hours })} /></Card></Col>
        ))}
      </Row>
      <ListTable<Service> root={ROOT} path="/incubation-services" exportPath="/incubation-services/export.xlsx" exportName={t('so.file.services')} columns={columns} testId="services"
        empty={t('so.empty.services')} filters={[{ name: 'orgId', kind: 'org', placeholder: t('so.filter.org') }, { name: 'kind', kind: 'select', placeholder: t('so.col.serviceKind'), options: O(t, 'kind', SERVICE_KINDS) }]} />
    </>
  );
}
