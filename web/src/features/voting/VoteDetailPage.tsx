import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { closeVote, exportResult, openVote, publishVote, updateVote, useParticipation, useVote, useVoteWrite } from './api';
import { electorateText, optionLabel, ruleText, StatusTag } from './labels';
import { ResultView } from './ResultView';
import type { ThresholdBase, Vote } from './types';

/** /app/votes/:id: the rule, open / close / publish, live participation, the result and its export. */
export default function VoteDetailPage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useVote(id);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState(false);
  const part = useParticipation(id, page, !!query.data && query.data.status !== 'draft');
  const act = useVoteWrite((run: () => Promise<Vote>) => run());
  const step = (key: string, run: () => Promise<Vote>, confirm: string) => feedback.modal.confirm({
    title: t(`vote.do.${key}` as never), content: confirm,
    onOk: () => act.mutateAsync(run).then(() => feedback.success(t('vote.done')), (e) => { feedback.error(e); throw e; }),
  });

  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const v = query.data;
  return (
    <Card
      title={<Space><Button type="link" onClick={() => navigate('/app/votes')}>{t('common.back')}</Button>{v.title}<StatusTag status={v.status} t={t} /></Space>}
      extra={<Space wrap>
        {v.actions.includes('edit') && <Button onClick={() => setEditing(true)} data-testid="vote-edit">{t('vote.do.edit')}</Button>}
        {v.actions.includes('open') && <Button type="primary" onClick={() => step('open', () => openVote(id), t('vote.confirm.open'))} data-testid="vote-open">{t('vote.do.open')}</Button>}
        {v.actions.includes('close') && <Button type="primary" danger onClick={() => step('close', () => closeVote(id), t('vote.confirm.close'))} data-testid="vote-close">{t('vote.do.close')}</Button>}
        {v.actions.includes('publish') && <Button type="primary" onClick={() => step('publish', () => publishVote(id), t('vote.confirm.publish'))} data-testid="vote-publish">{t('vote.do.publish')}</Button>}
        {v.result && v.actions.includes('export') && <ExportButton run={() => exportResult(id)} testId="vote-export-result" label={t('vote.exportResult')} />}
      </Space>}
      data-testid="vote-detail"
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('vote.f.org')}>{v.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.electorate')}>{electorateText(t, v)}{v.eligible !== null ? ` · ${t('vote.eligibleN', { n: v.eligible })}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.method')}>{t(`vote.method.${v.method}`)} · {v.secret ? t('vote.secret') : t('vote.open')}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.rule')}>{ruleText(t, v)}{v.ruleLockedAt ? ` · ${t('vote.ruleLocked')}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.options')}>{v.options.map((o) => optionLabel(v, o.key, t)).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.closesAt')}>{v.closesAt ? formatDateTime(v.closesAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.openedAt')}>{v.openedAt ? formatDateTime(v.openedAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vote.f.closedAt')}>{v.closedAt ? formatDateTime(v.closedAt) : '—'}</Descriptions.Item>
          {v.subject && <Descriptions.Item label={t('vote.f.subject')}>{t(`vote.subject.${v.subject.type}` as never)} #{v.subject.id}</Descriptions.Item>}
        </Descriptions>
        {v.description && <Typography.Paragraph>{v.description}</Typography.Paragraph>}
        {v.status === 'open' && <Alert type="info" showIcon data-testid="vote-live" message={t('vote.live', { n: v.participation, e: v.eligible ?? 0 })} />}
        {v.result && <ResultView vote={v} result={v.result} />}
        {v.status === 'published' && <Alert type="success" showIcon message={t('vote.publishedHint')} />}
        {v.status !== 'draft' && (
          <Card size="small" title={t('vote.participation')}>
            {part.isError ? <ErrorState error={part.error} /> : (
              <Table
                rowKey="voterKey" size="small" loading={part.isFetching} dataSource={part.data?.items ?? []}
                locale={{ emptyText: t('vote.empty.participation') }} pagination={pagination(t, page, part.data?.total, setPage)} data-testid="vote-participation"
                columns={[
                  { title: t('vote.f.voter'), dataIndex: 'name' },
                  { title: t('vote.f.castAt'), dataIndex: 'castAt', render: (x: string) => formatDateTime(x) },
                  ...(v.secret ? [] : [{ title: t('vote.f.choices'), dataIndex: 'choices', render: (c: string[] | null) => (c ?? []).map((k) => optionLabel(v, k, t)).join('、') }]),
                ]}
              />
            )}
          </Card>
        )}
      </Space>
      {editing && <EditModal vote={v} onClose={() => setEditing(false)} />}
    </Card>
  );
}

interface EditValues { title: string; description?: string; closesAt?: Dayjs | null; quorumPct: number; thresholdNum: number; thresholdDen: number; thresholdOf: ThresholdBase }

/** 修改: title, description and closing time while not closed; the rule only until the first ballot. */
function EditModal({ vote, onClose }: { vote: Vote; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<EditValues>();
  const rule = vote.actions.includes('editRule');
  const write = useVoteWrite((b: Parameters<typeof updateVote>[1]) => updateVote(vote.id, b));
  const submit = useFormSubmit(form, async (x) => {
    const ruleChanged = rule && (x.thresholdNum !== vote.threshold.num || x.thresholdDen !== vote.threshold.den || x.thresholdOf !== vote.threshold.of
      || Math.round((x.quorumPct * vote.quorum.den) / 100) !== vote.quorum.num);
    await write.mutateAsync({
      title: x.title, description: x.description || null, closesAt: x.closesAt ? x.closesAt.toISOString() : null,
      ...(ruleChanged ? { quorum: x.quorumPct ? { num: x.quorumPct, den: 100 } : { num: 0, den: 1 }, threshold: { num: x.thresholdNum, den: x.thresholdDen, of: x.thresholdOf } } : {}),
    });
    feedback.success(t('vote.saved'));
    onClose();
  }, { 'threshold.num': 'thresholdNum', threshold: 'thresholdNum', quorum: 'quorumPct' });
  return (
    <Modal open title={t('vote.do.edit')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="vote-edit-form">
      <Form form={form} layout="vertical" initialValues={{
        title: vote.title, description: vote.description ?? '', closesAt: vote.closesAt ? dayjs(vote.closesAt) : null,
        quorumPct: Math.round((vote.quorum.num * 100) / vote.quorum.den), thresholdNum: vote.threshold.num, thresholdDen: vote.threshold.den, thresholdOf: vote.threshold.of,
      }}>
        <Form.Item name="title" label={t('vote.f.title')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('vote.f.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.Item name="closesAt" label={t('vote.f.closesAt')}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        {!rule && <Alert type="warning" showIcon message={t('vote.ruleLockedHint')} style={{ marginBottom: 12 }} />}
        <Space wrap>
          <Form.Item name="quorumPct" label={t('vote.f.quorumPct')}><InputNumber min={0} max={100} precision={0} disabled={!rule} addonAfter="%" /></Form.Item>
          {vote.method === 'yesNo' && <>
            <Form.Item name="thresholdNum" label={t('vote.f.thresholdNum')}><InputNumber min={0} precision={0} disabled={!rule} /></Form.Item>
            <Form.Item name="thresholdDen" label={t('vote.f.thresholdDen')}><InputNumber min={1} precision={0} disabled={!rule} /></Form.Item>
            <Form.Item name="thresholdOf" label={t('vote.f.thresholdOf')}>
              <Select style={{ width: 150 }} disabled={!rule} options={(['electorate', 'cast', 'decisive'] as const).map((k) => ({ value: k, label: t(`vote.of.${k}`) }))} />
            </Form.Item>
          </>}
        </Space>
      </Form>
    </Modal>
  );
}
