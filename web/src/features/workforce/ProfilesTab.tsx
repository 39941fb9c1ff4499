import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Divider, Drawer, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { RevealValue } from '../../components/RevealValue';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { AccountPicker, FieldsModal, ListTable, revealValue, useData, useSend, type Field, type T } from '../socialorgs/kit';
import { CERT_LEVELS, type Config, type Pay, type Profile, type ProfileDetail } from './types';
import { L, O, ROOT, certFields, modalText } from './PeopleTabs';

const yuan = (n: number) => `¥${n.toLocaleString('zh-CN')}`;

function profileFields(t: T, cfg: Config | undefined, editing: boolean): Field[] {
  const posts = cfg?.ladder.posts ?? [];
  return [
    ...(editing ? [] : [{ name: 'orgId', label: t('wf.col.org'), kind: 'org' as const, required: true, levels: ['street', 'community'] as const }]),
    { name: 'name', label: t('wf.col.name'), kind: 'text', required: true, max: 50 },
    { name: 'post', label: t('wf.col.post'), kind: 'select', required: true, options: posts.map((p) => ({ value: p.code, label: `${p.name}（${p.minGrade}–${p.maxGrade}）` })) },
    { name: 'grade', label: t('wf.col.grade'), kind: 'number', required: true, min: 1, max: cfg?.ladder.grades.length ?? 18 },
    { name: 'hiredOn', label: t('wf.col.hiredOn'), kind: 'date' },
    { name: 'phone', label: t('wf.col.phone'), kind: 'text', max: 20, keepIfEmpty: true, placeholder: editing ? t('wf.hint.keep') : undefined },
    ...certFields(t),
    ...(editing ? [{ name: 'status', label: t('wf.col.status'), kind: 'select' as const, options: O(t, 'status', ['active', 'left']) }] : []),
  ];
}

export function PayText({ pay, problem }: { pay: Pay | null; problem: string | null }) {
  const t = useT();
  if (pay) return <span>{yuan(pay.monthly)}{pay.floored && <Tag color="orange" style={{ marginLeft: 4 }}>{t('wf.floored')}</Tag>}</span>;
  return <Typography.Text type="secondary">{problem ?? t('wf.payHidden')}</Typography.Text>;
}

/** 社区工作者: post and grade on the ladder, training hours, and pay for managers. */
export function ProfilesTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const cfg = useData<Config>(ROOT, '/workforce/config');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const create = useSend(ROOT, 'post', () => '/worker-profiles');
  const fields = useMemo(() => profileFields(t, cfg.data, false), [t, cfg.data]);
  const columns: ColumnsType<Profile> = [
    { title: t('wf.col.name'), dataIndex: 'name', key: 'name', render: (v: string, p) => <a onClick={() => setOpen(p.id)} data-testid={`wp-${p.id}-open`}>{v}</a> },
    { title: t('wf.col.org'), dataIndex: 'orgName', key: 'org' },
    { title: t('wf.col.post'), dataIndex: 'postName', key: 'post' },
    { title: t('wf.col.grade'), dataIndex: 'grade', key: 'grade', align: 'right' },
    { title: t('wf.col.cert'), dataIndex: 'certLevel', key: 'cert', render: (v: string) => L(t, 'cert', v) },
    { title: t('wf.col.trainingHours'), dataIndex: 'trainingHours', key: 'th', align: 'right' },
    ...(canManage ? [{ title: t('wf.col.monthly'), key: 'pay', render: (_: unknown, p: Profile) => <PayText pay={p.pay} problem={p.payProblem} /> }] : []),
    { title: t('wf.col.status'), dataIndex: 'status', key: 's', render: (v: string) => L(t, 'status', v) },
  ];
  return (
    <>
      <ListTable<Profile> root={ROOT} path="/worker-profiles" exportPath="/worker-profiles/export.xlsx" exportName={t('wf.file.profiles')} columns={columns} testId="profiles"
        empty={t('wf.empty.profiles')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('wf.col.name') }, { name: 'orgId', kind: 'org', placeholder: t('wf.col.org') },
          { name: 'post', kind: 'select', placeholder: t('wf.col.post'), options: (cfg.data?.ladder.posts ?? []).map((p) => ({ value: p.code, label: p.name })) },
          { name: 'certLevel', kind: 'select', placeholder: t('wf.col.cert'), options: O(t, 'cert', CERT_LEVELS) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wp-create">{t('wf.wp.create')}</Button>} />
      <FieldsModal open={creating} title={t('wf.wp.create')} fields={fields} testId="wp-form" {...modalText(t)} onSubmit={(v) => create.mutateAsync(v)} onClose={() => setCreating(false)} />
      {open !== null && <ProfileDrawer id={open} cfg={cfg.data} onClose={() => setOpen(null)} />}
    </>
  );
}

function ProfileDrawer({ id, cfg, onClose }: { id: number; cfg: Config | undefined; onClose: () => void }) {
  const t = useT();
  const q = useData<ProfileDetail>(ROOT, `/worker-profiles/${id}`);
  const [dialog, setDialog] = useState<null | 'edit' | 'training' | 'bonus'>(null);
  const [account, setAccount] = useState<number>();
  const patch = useSend(ROOT, 'patch', () => `/worker-profiles/${id}`);
  const training = useSend(ROOT, 'post', () => `/worker-profiles/${id}/trainings`);
  const bonus = useSend(ROOT, 'post', () => `/worker-profiles/${id}/bonuses`);
  const p = q.data;
  const can = (a: string) => !!p?.actions.includes(a);
  const editFields = useMemo(() => profileFields(t, cfg, true), [t, cfg]);
  const trainingFields: Field[] = [
    { name: 'heldOn', label: t('wf.col.date'), kind: 'date', required: true }, { name: 'topic', label: t('wf.col.topic'), kind: 'text', required: true, max: 200 },
    { name: 'hours', label: t('wf.col.hours'), kind: 'number', required: true, min: 0.5, max: 1000, step: 0.5 }, { name: 'provider', label: t('wf.col.provider'), kind: 'text', max: 100 },
  ];
  const bonusFields: Field[] = [{ name: 'awardedOn', label: t('wf.col.awardedOn'), kind: 'date', required: true }, { name: 'note', label: t('wf.col.note'), kind: 'textarea', max: 500 }];
  return (
    <Drawer open width={760} onClose={onClose} title={p?.name ?? ''} data-testid="wp-drawer"
      extra={p && <Space>
        {can('update') && <Button onClick={() => setDialog('edit')} data-testid="wp-edit">{t('common.edit')}</Button>}
        {can('training') && <Button onClick={() => setDialog('training')} data-testid="wp-training">{t('wf.addTraining')}</Button>}
        {can('bonus') && <Button onClick={() => setDialog('bonus')} data-testid="wp-bonus">{t('wf.awardBonus')}</Button>}
      </Space>}>
      {q.error ? <ErrorState error={q.error} /> : !p ? <PageSpinner /> : (
        <Flex vertical gap={8}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('wf.col.org')}>{p.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('wf.col.post')}>{p.postName} · {t('wf.gradeN', { n: p.grade })}</Descriptions.Item>
            <Descriptions.Item label={t('wf.col.hiredOn')}>{p.hiredOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wf.col.cert')}>{L(t, 'cert', p.certLevel)} {p.certNo ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('wf.col.phone')}><RevealValue masked={p.phone} canReveal={can('reveal')} title={t('wf.reveal')} onReveal={(reason) => revealValue(`/worker-profiles/${id}/reveal`, { reason })} /></Descriptions.Item>
            <Descriptions.Item label={t('wf.col.account')}>{p.userId ? `#${p.userId}` : '—'}</Descriptions.Item>
          </Descriptions>
          {can('update') && <Space>
            <AccountPicker role="communityWorker" value={account} onChange={setAccount} testId="wp-account" placeholder={t('wf.pickAccount')} />
            <Button disabled={!account} onClick={() => void patch.mutateAsync({ userId: account }).then(() => setAccount(undefined))}>{t('wf.linkAccount')}</Button>
          </Space>}
          {can('update') && (p.pay ? (
            <Descriptions size="small" bordered column={2} title={t('wf.pay', { year: p.pay.year })} data-testid="wp-pay">
              <Descriptions.Item label={t('wf.col.annualWage')}>{yuan(p.pay.annualWage)}（{p.pay.wageOrgName}）</Descriptions.Item>
              <Descriptions.Item label={t('wf.col.averageMonthly')}>{yuan(p.pay.averageMonthly)}</Descriptions.Item>
              <Descriptions.Item label={t('wf.col.coefficient')}>{p.pay.coefficient}</Descriptions.Item>
              <Descriptions.Item label={t('wf.col.gradePay')}>{yuan(p.pay.gradePay)}</Descriptions.Item>
              <Descriptions.Item label={t('wf.col.basePay')}>{yuan(p.pay.basePay)}{p.pay.floored && <Tag color="orange" style={{ marginLeft: 4 }}>{t('wf.floored')}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={t('wf.col.allowance')}>{yuan(p.pay.allowance)}</Descriptions.Item>
              <Descriptions.Item label={t('wf.col.monthly')}><b>{yuan(p.pay.monthly)}</b></Descriptions.Item>
              <Descriptions.Item label={t('wf.col.annual')}>{yuan(p.pay.annual)}</Descriptions.Item>
            </Descriptions>
          ) : <Alert type="warning" showIcon message={p.payProblem ?? t('wf.payHidden')} />)}
          <Divider titlePlacement="start">{t('wf.trainings')}</Divider>
          <Table size="small" rowKey="id" pagination={false} dataSource={p.trainings} locale={{ emptyText: <Empty description={t('wf.empty.trainings')} /> }} data-testid="wp-trainings"
            columns={[{ title: t('wf.col.date'), dataIndex: 'heldOn', key: 'd' }, { title: t('wf.col.topic'), dataIndex: 'topic', key: 't' },
              { title: t('wf.col.hours'), dataIndex: 'hours', key: 'h' }, { title: t('wf.col.provider'), dataIndex: 'provider', key: 'p', render: (v: string | null) => v ?? '—' }]} />
          {can('update') && <>
            <Divider titlePlacement="start">{t('wf.bonuses')}</Divider>
            <Table size="small" rowKey="id" pagination={false} dataSource={p.bonuses} locale={{ emptyText: <Empty description={t('wf.empty.bonuses')} /> }} data-testid="wp-bonuses"
              columns={[{ title: t('wf.col.cert'), dataIndex: 'certLevel', key: 'c', render: (v: string) => L(t, 'cert', v) }, { title: t('wf.col.amount'), dataIndex: 'amount', key: 'a', render: (v: number) => yuan(v) },
                { title: t('wf.col.awardedOn'), dataIndex: 'awardedOn', key: 'd' }, { title: t('wf.col.note'), dataIndex: 'note', key: 'n', render: (v: string | null) => v ?? '—' }]} />
          </>}
        </Flex>
      )}
      {p && <>
        <FieldsModal open={dialog === 'edit'} title={t('wf.wp.edit')} fields={editFields} testId="wp-edit-form" {...modalText(t)}
          initial={{ name: p.name, post: p.post, grade: p.grade, hiredOn: p.hiredOn, certLevel: p.certLevel, certNo: p.certNo, certOn: p.certOn, status: p.status }}
          onSubmit={(v) => patch.mutateAsync(v)} onClose={() => setDialog(null)} />
        <FieldsModal open={dialog === 'training'} title={t('wf.addTraining')} fields={trainingFields} testId="wp-training-form" {...modalText(t)} onSubmit={(v) => training.mutateAsync(v)} onClose={() => setDialog(null)} />
        <FieldsModal open={dialog === 'bonus'} title={t('wf.awardBonus')} fields={bonusFields} testId="wp-bonus-form" {...modalText(t)} onSubmit={(v) => bonus.mutateAsync(v)} onClose={() => setDialog(null)} />
      </>}
    </Drawer>
  );
}
