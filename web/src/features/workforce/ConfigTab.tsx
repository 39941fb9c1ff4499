import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Input, InputNumber, Modal, Row, Space, Table, Typography } from 'antd';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { errorMessage, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { FieldsModal, useData, useSend, type Field } from '../socialorgs/kit';
import { HELD_LEVELS, type Config, type LadderPost } from './types';
import { L, ROOT, modalText } from './PeopleTabs';

/** The ladder (四岗十八级 by default), the local average wage per year and the certificate bonus rules in force at an org. */
export function ConfigTab() {
  const t = useT();
  const [orgId, setOrgId] = useState<number>();
  const q = useData<Config>(ROOT, '/workforce/config', { orgId });
  const [dialog, setDialog] = useState<null | 'wage' | 'bonus' | 'ladder'>(null);
  const wage = useSend(ROOT, 'post', () => '/workforce/wages', (v) => ({ ...v, orgId: q.data?.orgId }));
  const bonus = useSend<Record<string, unknown>>(ROOT, 'post', () => '/workforce/cert-bonuses', (v) => ({
    orgId: q.data?.orgId, rules: HELD_LEVELS.map((l) => ({ certLevel: l, oneTimeBonus: v[`${l}Once`], monthlyAllowance: v[`${l}Monthly`] })),
  }));
  const c = q.data;
  const canConfigure = !!c?.actions.includes('configure');
  const wageFields: Field[] = [
    { name: 'year', label: t('wf.col.year'), kind: 'number', required: true, min: 2000, max: 2100 },
    { name: 'annualWage', label: t('wf.col.annualWage'), kind: 'number', required: true, min: 1000, max: 10000000 },
    { name: 'source', label: t('wf.col.source'), kind: 'text', max: 200 },
  ];
  const bonusFields: Field[] = HELD_LEVELS.flatMap((l): Field[] => [
    { name: `${l}Once`, label: `${L(t, 'cert', l)} · ${t('wf.col.oneTime')}`, kind: 'number', required: true, min: 0, max: 1000000 },
    { name: `${l}Monthly`, label: `${L(t, 'cert', l)} · ${t('wf.col.allowance')}`, kind: 'number', required: true, min: 0, max: 100000 },
  ]);
  return (
    <Flex vertical gap={12} data-testid="wf-config">
      <Space wrap>
        <ScopeOrgPicker value={orgId} onChange={setOrgId} placeholder={t('wf.config.org')} style={{ width: 260 }} />
        {c && <Typography.Text type="secondary">{t('wf.config.at', { org: c.orgName, year: c.year })}</Typography.Text>}
      </Space>
      {!canConfigure && c && <Alert type="info" showIcon message={t('wf.config.readOnly')} />}
      {q.error ? <ErrorState error={q.error} /> : !c ? <PageSpinner /> : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('wf.config.ladder', { org: c.ladder.orgName })} extra={canConfigure && <Button size="small" onClick={() => setDialog('ladder')} data-testid="wf-ladder-edit">{t('common.edit')}</Button>}>
              <Table size="small" rowKey="code" pagination={false} dataSource={c.ladder.posts} style={{ marginBottom: 8 }}
                columns={[{ title: t('wf.col.post'), dataIndex: 'name', key: 'n' }, { title: t('wf.col.code'), dataIndex: 'code', key: 'c' },
                  { title: t('wf.col.gradeRange'), key: 'r', render: (_, p: LadderPost) => `${p.minGrade}–${p.maxGrade}` }]} />
              <Table size="small" rowKey="grade" pagination={false} dataSource={c.ladder.grades} scroll={{ y: 240 }} data-testid="wf-grades"
                columns={[{ title: t('wf.col.grade'), dataIndex: 'grade', key: 'g' }, { title: t('wf.col.coefficient'), dataIndex: 'coefficient', key: 'c' }]} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('wf.config.wages')} extra={canConfigure && <Button size="small" onClick={() => setDialog('wage')} data-testid="wf-wage-edit">{t('wf.config.setWage')}</Button>} style={{ marginBottom: 12 }}>
              {c.wages.length === 0 ? <Empty description={t('wf.empty.wages')} /> : (
                <Table size="small" rowKey={(w) => `${w.orgId}-${w.year}`} pagination={false} dataSource={c.wages} data-testid="wf-wages"
                  columns={[{ title: t('wf.col.year'), dataIndex: 'year', key: 'y' }, { title: t('wf.col.annualWage'), dataIndex: 'annualWage', key: 'w', render: (v: number) => `¥${v.toLocaleString('zh-CN')}` },
                    { title: t('wf.col.org'), dataIndex: 'orgName', key: 'o' }, { title: t('wf.col.source'), dataIndex: 'source', key: 's', render: (v: string | null) => v ?? '—' }]} />
              )}
            </Card>
            <Card size="small" title={t('wf.config.bonuses')} extra={canConfigure && <Button size="small" onClick={() => setDialog('bonus')} data-testid="wf-bonus-edit">{t('common.edit')}</Button>}>
              <Table size="small" rowKey="certLevel" pagination={false} dataSource={c.bonuses}
                columns={[{ title: t('wf.col.cert'), dataIndex: 'certLevel', key: 'l', render: (v: string) => L(t, 'cert', v) }, { title: t('wf.col.oneTime'), dataIndex: 'oneTimeBonus', key: 'o' },
                  { title: t('wf.col.allowance'), dataIndex: 'monthlyAllowance', key: 'm' }, { title: t('wf.col.org'), dataIndex: 'orgName', key: 'org' }]} />
            </Card>
          </Col>
        </Row>
      )}
      {c && <>
        <FieldsModal open={dialog === 'wage'} title={t('wf.config.setWage')} fields={wageFields} testId="wf-wage-form" {...modalText(t)} initial={{ year: c.year }}
          onSubmit={(v) => wage.mutateAsync(v)} onClose={() => setDialog(null)} />
        <FieldsModal open={dialog === 'bonus'} title={t('wf.config.bonuses')} fields={bonusFields} testId="wf-bonus-form" {...modalText(t)}
          initial={Object.fromEntries(c.bonuses.flatMap((b) => [[`${b.certLevel}Once`, b.oneTimeBonus], [`${b.certLevel}Monthly`, b.monthlyAllowance]]))}
          onSubmit={(v) => bonus.mutateAsync(v)} onClose={() => setDialog(null)} />
        <LadderModal open={dialog === 'ladder'} config={c} onClose={() => setDialog(null)} />
      </>}
    </Flex>
  );
}

/** Edits the whole ladder of the chosen org: coefficient per grade, the posts and their grade ranges. */
function LadderModal({ open, config, onClose }: { open: boolean; config: Config; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [grades, setGrades] = useState(config.ladder.grades);
  const [posts, setPosts] = useState(config.ladder.posts);
  const [error, setError] = useState<string | null>(null);
  const save = useSend(ROOT, 'post', () => '/workforce/ladder');
  useEffect(() => { if (open) { setGrades(config.ladder.grades); setPosts(config.ladder.posts); setError(null); } }, [open, config]);
  const setPost = (i: number, p: Partial<LadderPost>) => setPosts((ps) => ps.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const submit = () => save.mutateAsync({ orgId: config.orgId, grades, posts }).then(() => { feedback.success(t('wf.saved')); onClose(); }, (e: unknown) => setError(errorMessage(e)));
  return (
    <Modal open={open} width={720} title={t('wf.config.editLadder', { org: config.orgName })} onCancel={onClose} onOk={() => void submit()} destroyOnHidden okButtonProps={{ 'data-testid': 'wf-ladder-ok' } as Record<string, string>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Table size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={posts} style={{ marginBottom: 8 }}
        columns={[
          { title: t('wf.col.code'), key: 'c', render: (_, p, i) => <Input value={p.code} maxLength={30} onChange={(e) => setPost(i, { code: e.target.value })} /> },
          { title: t('wf.col.post'), key: 'n', render: (_, p, i) => <Input value={p.name} maxLength={50} onChange={(e) => setPost(i, { name: e.target.value })} /> },
          { title: t('wf.col.min'), key: 'a', render: (_, p, i) => <InputNumber min={1} max={30} value={p.minGrade} onChange={(v) => setPost(i, { minGrade: v ?? 1 })} /> },
          { title: t('wf.col.max'), key: 'b', render: (_, p, i) => <InputNumber min={1} max={30} value={p.maxGrade} onChange={(v) => setPost(i, { maxGrade: v ?? 1 })} /> },
          { title: '', key: 'x', render: (_, __, i) => <Button size="small" danger onClick={() => setPosts((ps) => ps.filter((_, j) => j !== i))}>{t('wf.remove')}</Button> },
        ]} />
      <Space style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => setPosts((ps) => [...ps, { code: `post${ps.length + 1}`, name: '', minGrade: 1, maxGrade: grades.length }])}>{t('wf.addPost')}</Button>
        <Button size="small" onClick={() => setGrades((gs) => [...gs, { grade: gs.length + 1, coefficient: gs.at(-1)?.coefficient ?? 1 }])}>{t('wf.addGrade')}</Button>
        <Button size="small" disabled={grades.length <= 1} onClick={() => setGrades((gs) => gs.slice(0, -1))}>{t('wf.removeGrade')}</Button>
      </Space>
      <Flex wrap gap={8}>
        {grades.map((g, i) => (
          <Space.Compact key={g.grade}>
            <Button disabled style={{ width: 56 }}>{g.grade}</Button>
            <InputNumber min={1} max={10} step={0.05} value={g.coefficient} style={{ width: 90 }} onChange={(v) => setGrades((gs) => gs.map((x, j) => (j === i ? { ...x, coefficient: v ?? 1 } : x)))} />
          </Space.Compact>
        ))}
      </Flex>
    </Modal>
  );
}
