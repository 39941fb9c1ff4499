import { useState } from 'react';
import { Button, Empty, Flex, Popconfirm, Progress, Select, Table, Tag } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback } from '../../lib/feedback';
import { useT, type MessageKey } from '../../lib/i18n';
import { useWrite } from './api';
import { SubjectSearch } from './SubjectSearch';
import type { Campaign, Evaluatee, EvaluateeKind } from './types';

/** The evaluatees with their completeness (self score, peers given/received, sample answered); adding and removing in draft. */
export function EvaluateesTab({ c }: { c: Campaign }) {
  const t = useT();
  const feedback = useFeedback();
  const [kind, setKind] = useState<EvaluateeKind>('org');
  const [subjectId, setSubjectId] = useState<number | undefined>();
  const add = useWrite<{ kind: EvaluateeKind; subjectId: number }>('post', () => `/eval-campaigns/${c.id}/evaluatees`);
  const remove = useWrite<number>('delete', (id) => `/eval-evaluatees/${id}`);
  const draft = c.actions.includes('edit');
  return (
    <Flex vertical gap={12}>
      {draft && (
        <Flex gap={8} wrap data-testid="ev-add">
          <Select value={kind} style={{ width: 160 }} onChange={(v) => { setKind(v); setSubjectId(undefined); }}
            options={(['org', 'partnerUnit', 'socialOrg'] as const).map((k) => ({ value: k, label: t(`ev.kind.${k}` as MessageKey) }))} data-testid="ev-add-kind" />
          {kind === 'org'
            ? <ScopeOrgPicker value={subjectId} onChange={(v) => setSubjectId(v)} placeholder={t('ev.pickOrg')} style={{ width: 280 }} data-testid="ev-add-org" />
            : <SubjectSearch key={kind} kind={kind} value={subjectId} onChange={setSubjectId} placeholder={t(kind === 'partnerUnit' ? 'ev.unitId' : 'ev.socialOrgId')} />}
          <Button type="primary" disabled={!subjectId} loading={add.isPending} data-testid="ev-add-submit"
            onClick={() => add.mutateAsync({ kind, subjectId: subjectId! }).then(() => { setSubjectId(undefined); feedback.success(t('ev.added')); }, feedback.error)}>{t('ev.add')}</Button>
        </Flex>
      )}
      <Table<Evaluatee> rowKey="id" size="middle" dataSource={c.evaluatees ?? []} pagination={false} locale={{ emptyText: <Empty description={t('ev.noEvaluatees')} /> }}
        columns={[
          { title: t('ev.col.evaluatee'), dataIndex: 'name', render: (v: string, r) => <span data-testid={`ev-e-${r.id}`}>{v}</span> },
          { title: t('ev.col.kind'), dataIndex: 'kind', render: (k: EvaluateeKind) => <Tag>{t(`ev.kind.${k}` as MessageKey)}</Tag> },
          { title: t('ev.col.pool'), dataIndex: 'sampleOrgName' },
          ...(c.status === 'draft' ? [] : [
            { title: t('ev.col.self'), key: 'self', render: (_: unknown, r: Evaluatee) => (r.completeness?.selfDone ? <Tag color="success">{t('ev.done')}</Tag> : <Tag>{t('ev.missing')}</Tag>) },
            { title: t('ev.col.peersGiven'), key: 'pg', render: (_: unknown, r: Evaluatee) => `${r.completeness?.peersGiven ?? 0} / ${r.completeness?.peersExpected ?? 0}` },
            { title: t('ev.col.peersReceived'), key: 'pr', render: (_: unknown, r: Evaluatee) => `${r.completeness?.peersReceived ?? 0} / ${r.completeness?.peersExpected ?? 0}` },
            { title: t('ev.col.answered'), key: 'ans', render: (_: unknown, r: Evaluatee) => <Progress size="small" style={{ width: 140 }} percent={r.completeness?.drawn ? Math.round((100 * r.completeness.answered) / r.completeness.drawn) : 0} format={() => `${r.completeness?.answered ?? 0}/${r.completeness?.drawn ?? 0}`} /> },
          ]),
          ...(draft ? [{
            title: '', key: 'rm', render: (_: unknown, r: Evaluatee) => (
              <Popconfirm title={t('ev.removeConfirm')} onConfirm={() => remove.mutateAsync(r.id).then(() => feedback.success(t('ev.removed')), feedback.error)}>
                <Button size="small" danger>{t('ev.remove')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]} />
    </Flex>
  );
}
