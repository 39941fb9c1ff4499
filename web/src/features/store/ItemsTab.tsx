import { useState } from 'react';
import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination } from '../../components/pagination';
import { useT } from '../../lib/i18n';
import { useFilteredPage } from './useFilteredPage';
import { exportItems, useItems } from './api';
import { itemKindLabel } from './labels';
import { ItemFormModal, StockModal } from './ItemModals';
import { CounterRedeemModal } from './CounterRedeemModal';
import { ITEM_KINDS, type Item, type ItemFilter, type ItemKind } from './types';


/** 商品与库存: filters, pages, Excel; 上架 (bought goods), 编辑, 库存调整, 柜台代兑. */
export function ItemsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const { filter, page, setPage, change } = useFilteredPage<ItemFilter>();
  const [editing, setEditing] = useState<Item | 'new'>();
  const [stocking, setStocking] = useState<Item>();
  const [redeeming, setRedeeming] = useState<Item>();
  const q = useItems(filter, page);

  const columns: ColumnsType<Item> = [
    { title: t('store.col.name'), dataIndex: 'name', key: 'name', render: (v: string, r) => <Flex vertical><span>{v}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}</Typography.Text></Flex> },
    { title: t('store.col.kind'), dataIndex: 'kind', key: 'kind', width: 100, render: (k: ItemKind) => itemKindLabel(t, k) },
    { title: t('store.col.price'), dataIndex: 'pricePoints', key: 'price', width: 90, align: 'right' },
    { title: t('store.col.stock'), dataIndex: 'stock', key: 'stock', width: 80, align: 'right', render: (v: number, r) => <span data-testid={`store-item-${r.id}-stock`}>{v}</span> },
    { title: t('store.col.expires'), dataIndex: 'expiresOn', key: 'expires', width: 120, render: (v: string | null, r) => (v ? <Typography.Text type={r.expired ? 'danger' : undefined}>{v}</Typography.Text> : t('common.empty')) },
    { title: t('store.col.limit'), dataIndex: 'perResidentLimit', key: 'limit', width: 90, render: (v: number | null) => v ?? t('store.noLimit') },
    { title: t('store.col.donor'), dataIndex: 'donorName', key: 'donor', render: (v: string | null) => v ?? t('store.bought') },
    {
      title: t('store.col.state'), key: 'state', width: 90,
      render: (_: unknown, r) => (!r.active ? <Tag>{t('store.state.off')}</Tag> : r.expired ? <Tag color="red">{t('store.state.expired')}</Tag> : <Tag color="green">{t('store.state.on')}</Tag>),
    },
    {
      title: t('common.actions'), key: 'actions', width: 220, fixed: 'right',
      render: (_: unknown, r) => (
        <Flex gap={4} wrap>
          {r.actions.includes('update') && <Button size="small" onClick={() => setEditing(r)} data-testid={`store-item-${r.id}-edit`}>{t('store.edit')}</Button>}
          {r.actions.includes('stock') && <Button size="small" onClick={() => setStocking(r)} data-testid={`store-item-${r.id}-stock-adjust`}>{t('store.stock.action')}</Button>}
          {r.actions.includes('redeem') && canManage && <Button size="small" type="primary" ghost onClick={() => setRedeeming(r)} data-testid={`store-item-${r.id}-counter`}>{t('store.counterRedeem.action')}</Button>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('store.filter.itemName')} style={{ width: 220 }} onSearch={(v) => change({ q: v.trim() || undefined })} data-testid="store-items-q" />
        <Select<ItemKind> allowClear placeholder={t('store.filter.kind')} style={{ width: 130 }} value={filter.kind} onChange={(kind) => change({ kind })}
          options={ITEM_KINDS.map((k) => ({ value: k, label: itemKindLabel(t, k) }))} />
        <Select<string> allowClear placeholder={t('store.filter.state')} style={{ width: 130 }} onChange={(v) => change({ active: v === undefined ? undefined : v === 'on', inStock: v === 'inStock' ? true : undefined })}
          options={[{ value: 'on', label: t('store.state.on') }, { value: 'off', label: t('store.state.off') }, { value: 'inStock', label: t('store.filter.inStock') }]} />
        <ScopeOrgPicker value={filter.orgId} onChange={(orgId) => change({ orgId })} placeholder={t('store.filter.org')} style={{ width: 240 }} />
        <span style={{ flex: 1 }} />
        {canManage && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="store-item-new">{t('store.item.new')}</Button>}
        <ExportButton run={() => exportItems(filter)} testId="store-items-export" />
      </Flex>
      {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Item> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items} loading={q.isFetching}
          locale={{ emptyText: t('store.items.empty') }} pagination={pagination(t, page, q.data?.total, setPage)} scroll={{ x: 1200 }}
          onRow={(r) => ({ 'data-testid': `store-item-row-${r.id}` }) as object} data-testid="store-items-table" />
      )}
      {editing && <ItemFormModal item={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
      {stocking && <StockModal item={stocking} onClose={() => setStocking(undefined)} />}
      {redeeming && <CounterRedeemModal item={redeeming} onClose={() => setRedeeming(undefined)} />}
    </Flex>
  );
}
