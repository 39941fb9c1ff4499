import { useState } from 'react';
import { Button, Flex, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { RevealValue } from '../../components/RevealValue';
import { pagination } from '../../components/pagination';
import { useT } from '../../lib/i18n';
import { useFilteredPage } from './useFilteredPage';
import { exportDonors, revealDonor, useDonors } from './api';
import { donorKindLabel } from './labels';
import { DonorFormModal } from './DonorFormModal';
import { DonationModal } from './DonationModal';
import { DONOR_KINDS, type Donor, type DonorFilter, type DonorKind } from './types';


/** 捐赠方: who gives; contacts masked (查看 with a reason); 登记捐赠; 爱心反馈 per donor. */
export function DonorsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const { filter, page, setPage, change } = useFilteredPage<DonorFilter>();
  const [editing, setEditing] = useState<Donor | 'new'>();
  const [giving, setGiving] = useState<Donor>();
  const q = useDonors(filter, page);
  const columns: ColumnsType<Donor> = [
    { title: t('store.col.donorName'), dataIndex: 'name', key: 'name', render: (v: string, r) => <Link to={`/app/store/donors/${r.id}`} data-testid={`store-donor-${r.id}-ack`}>{v}</Link> },
    { title: t('store.col.kind'), dataIndex: 'kind', key: 'kind', width: 110, render: (k: DonorKind) => donorKindLabel(t, k) },
    { title: t('store.col.givesTo'), dataIndex: 'orgName', key: 'org', width: 150 },
    { title: t('store.col.contactName'), key: 'cn', width: 150, render: (_: unknown, r) => <RevealValue masked={r.contactName} canReveal={r.actions.includes('reveal')} title={t('store.reveal.title')} onReveal={(why) => revealDonor(r.id, 'contactName', why)} /> },
    { title: t('store.col.contactPhone'), key: 'cp', width: 170, render: (_: unknown, r) => <RevealValue masked={r.contactPhone} canReveal={r.actions.includes('reveal')} title={t('store.reveal.title')} onReveal={(why) => revealDonor(r.id, 'contactPhone', why)} testId={`store-donor-${r.id}-phone`} /> },
    { title: t('store.col.state'), dataIndex: 'active', key: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">{t('store.donor.active')}</Tag> : <Tag>{t('store.donor.inactive')}</Tag>) },
    {
      title: t('common.actions'), key: 'actions', width: 200, fixed: 'right',
      render: (_: unknown, r) => (
        <Flex gap={4}>
          {r.actions.includes('donate') && r.active && <Button size="small" type="primary" ghost icon={<GiftOutlined />} onClick={() => setGiving(r)} data-testid={`store-donor-${r.id}-donate`}>{t('store.donation.action')}</Button>}
          {r.actions.includes('update') && <Button size="small" onClick={() => setEditing(r)}>{t('store.edit')}</Button>}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('store.filter.donorName')} style={{ width: 220 }} onSearch={(v) => change({ q: v.trim() || undefined })} />
        <Select<DonorKind> allowClear placeholder={t('store.filter.kind')} style={{ width: 140 }} value={filter.kind} onChange={(kind) => change({ kind })}
          options={DONOR_KINDS.map((k) => ({ value: k, label: donorKindLabel(t, k) }))} />
        <span style={{ flex: 1 }} />
        {canManage && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="store-donor-new">{t('store.donor.new')}</Button>}
        <ExportButton run={() => exportDonors(filter)} testId="store-donors-export" />
      </Flex>
      {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Donor> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items} loading={q.isFetching} scroll={{ x: 1100 }}
          locale={{ emptyText: t('store.donors.empty') }} pagination={pagination(t, page, q.data?.total, setPage)}
          onRow={(r) => ({ 'data-testid': `store-donor-row-${r.id}` }) as object} data-testid="store-donors-table" />
      )}
      {editing && <DonorFormModal donor={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
      {giving && <DonationModal donor={giving} onClose={() => setGiving(undefined)} />}
    </Flex>
  );
}
