import { useMemo, useState } from 'react';
import { Button, Drawer, Empty, Flex, Input, List, Popconfirm, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useContract, useWrite } from './api';
import { FormModal, type Field } from './FormModal';
import { options, StatusTag } from './labels';
import { PagedList } from './PagedList';
import { CONTRACT_STATUSES, type Contract } from './types';

/** 共建协议 with a community for a period; each opens its 责任清单 (duty list). */
export function ContractsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number>();
  const create = useWrite<Record<string, unknown>>('post', () => '/partner-contracts', (v) => {
    const { duties, ...rest } = v as { duties?: string };
    const list = (duties ?? '').split('\n').map((d) => d.trim()).filter(Boolean).map((description) => ({ description }));
    return { ...rest, duties: list };
  });
  const fields = useMemo<Field[]>(() => [
    { name: 'orgId', label: t('partners.col.community'), kind: 'org', required: true, levels: ['community'] },
    { name: 'unitId', label: t('partners.col.unitId'), kind: 'number', required: true, min: 1 },
    { name: 'title', label: t('partners.col.contractTitle'), kind: 'text', required: true, max: 200 },
    { name: 'startsOn', label: t('partners.col.startsOn'), kind: 'date', required: true },
    { name: 'endsOn', label: t('partners.col.endsOn'), kind: 'date', required: true },
    { name: 'duties', label: t('partners.col.dutiesOnePerLine'), kind: 'textarea', max: 5000 },
  ], [t]);
  const columns: ColumnsType<Contract> = [
    { title: t('partners.col.contractTitle'), key: 'title', render: (_, c) => <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c.id)} data-testid={`contract-${c.id}`}>{c.title}</Button> },
    { title: t('partners.col.unitName'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('partners.col.community'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
    { title: t('partners.col.duties'), key: 'duties', render: (_, c) => `${c.dutiesDone} / ${c.dutiesTotal}` },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="contractStatus" value={v} /> },
  ];
  return (
    <>
      <PagedList<Contract>
        path="/partner-contracts" exportPath="/partner-contracts/export.xlsx" exportName={t('partners.file.contracts')} columns={columns} testId="partner-contracts" empty={t('partners.empty.contracts')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('partners.filter.contractQ') },
          { name: 'orgId', kind: 'org', placeholder: t('partners.filter.org') },
          { name: 'status', kind: 'select', placeholder: t('partners.col.status'), options: options(t, 'contractStatus', CONTRACT_STATUSES) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-create">{t('partners.contract.create')}</Button>}
      />
      <FormModal open={creating} title={t('partners.contract.create')} fields={fields} testId="contract-form" onSubmit={(v) => create.mutateAsync(v)} onClose={() => setCreating(false)} />
      <ContractDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function ContractDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const q = useContract(id);
  const [draft, setDraft] = useState('');
  const add = useWrite<string>('post', () => `/partner-contracts/${id}/duties`, (description) => ({ description }));
  const tick = useWrite<{ dutyId: number; done: boolean }>('patch', (v) => `/partner-duties/${v.dutyId}`, (v) => ({ done: v.done }));
  const end = useWrite<string>('patch', () => `/partner-contracts/${id}`, (status) => ({ status }));
  const c = q.data?.contract;
  return (
    <Drawer open={id !== undefined} onClose={onClose} size="large" title={c?.title ?? t('partners.contract.title')} data-testid="contract-drawer">
      {q.isLoading ? <PageSpinner /> : q.error ? <ErrorState error={q.error} /> : c && (
        <Flex vertical gap={12}>
          <Typography.Text>{c.unitName} · {c.orgName} · {c.startsOn} ~ {c.endsOn} <StatusTag t={t} group="contractStatus" value={c.status} /></Typography.Text>
          {c.actions.includes('update') && c.status === 'active' && (
            <Space>
              <Popconfirm title={t('partners.contract.confirmEnd')} onConfirm={() => end.mutateAsync('ended').catch(feedback.error)}><Button>{t('partners.contract.end')}</Button></Popconfirm>
              <Popconfirm title={t('partners.contract.confirmTerminate')} onConfirm={() => end.mutateAsync('terminated').catch(feedback.error)}><Button danger>{t('partners.contract.terminate')}</Button></Popconfirm>
            </Space>
          )}
          <Typography.Title level={5}>{t('partners.col.duties')}</Typography.Title>
          <List
            bordered
            dataSource={q.data?.duties ?? []}
            locale={{ emptyText: <Empty description={t('partners.empty.duties')} /> }}
            renderItem={(d) => (
              <List.Item data-testid={`duty-${d.id}`} actions={d.actions.map((a) => (
                <Button key={a} size="small" onClick={() => tick.mutateAsync({ dutyId: d.id, done: a === 'complete' }).catch(feedback.error)} data-testid={`duty-${d.id}-${a}`}>
                  {t(a === 'complete' ? 'partners.duty.complete' : 'partners.duty.reopen')}
                </Button>
              ))}>
                <Typography.Text delete={d.doneAt !== null}>{d.description}</Typography.Text>
                {d.dueOn && <Typography.Text type="secondary"> · {t('partners.col.dueOn')} {d.dueOn}</Typography.Text>}
              </List.Item>
            )}
          />
          {c.actions.includes('add_duty') && (
            <Space.Compact style={{ width: '100%' }}>
              <Input value={draft} maxLength={500} onChange={(e) => setDraft(e.target.value)} placeholder={t('partners.duty.placeholder')} data-testid="duty-new" />
              <Button type="primary" disabled={!draft.trim()} loading={add.isPending}
                onClick={() => add.mutateAsync(draft.trim()).then(() => setDraft('')).catch(feedback.error)} data-testid="duty-add">{t('partners.duty.add')}</Button>
            </Space.Compact>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
