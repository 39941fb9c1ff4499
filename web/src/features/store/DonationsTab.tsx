import { DatePicker, Flex, Input, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination } from '../../components/pagination';
import { useT } from '../../lib/i18n';
import { day, useFilteredPage } from './useFilteredPage';
import { exportDonations, useDonations } from './api';
import type { Donation, DonationFilter } from './types';


/** 捐赠记录: what arrived, from whom, worth how much; date and org filters, Excel. */
export function DonationsTab() {
  const t = useT();
  const { filter, page, setPage, change } = useFilteredPage<DonationFilter>();
  const q = useDonations(filter, page);
  const columns: ColumnsType<Donation> = [
    { title: t('store.field.receivedOn'), dataIndex: 'receivedOn', key: 'receivedOn', width: 120 },
    { title: t('store.col.donorName'), dataIndex: 'donorName', key: 'donor' },
    { title: t('store.donation.gift'), dataIndex: 'name', key: 'name' },
    { title: t('store.field.quantity'), dataIndex: 'quantity', key: 'quantity', width: 80, align: 'right' },
    { title: t('store.field.unitValue'), dataIndex: 'unitValue', key: 'unitValue', width: 110, align: 'right', render: (v: number) => v.toFixed(2) },
    { title: t('store.col.value'), dataIndex: 'totalValue', key: 'totalValue', width: 110, align: 'right', render: (v: number) => v.toFixed(2) },
    { title: t('store.col.expires'), dataIndex: 'expiresOn', key: 'expiresOn', width: 120, render: (v: string | null) => v ?? t('common.empty') },
    { title: t('store.field.store'), dataIndex: 'orgName', key: 'org', width: 140 },
    { title: t('store.donation.shelfItem'), dataIndex: 'itemName', key: 'item' },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('store.filter.donation')} style={{ width: 220 }} onSearch={(v) => change({ q: v.trim() || undefined })} />
        <ScopeOrgPicker value={filter.orgId} onChange={(orgId) => change({ orgId })} placeholder={t('store.filter.org')} style={{ width: 240 }} />
        <DatePicker.RangePicker allowEmpty={[true, true]} onChange={(r) => change({ from: day(r?.[0]), to: day(r?.[1]) })} />
        <span style={{ flex: 1 }} />
        <ExportButton run={() => exportDonations(filter)} testId="store-donations-export" />
      </Flex>
      {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Donation> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items} loading={q.isFetching} scroll={{ x: 1100 }}
          locale={{ emptyText: t('store.donations.empty') }} pagination={pagination(t, page, q.data?.total, setPage)} data-testid="store-donations-table" />
      )}
    </Flex>
  );
}
