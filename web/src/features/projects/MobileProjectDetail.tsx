import { useState } from 'react';
import { Button, Descriptions, Empty, Form, Input, List, Rate, Segmented, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { step, useProject, useProjectWrite } from './api';
import { StatusTag } from './labels';
import { yuan } from './money';

/** /m/projects/:id: a community project's public page — progress, money, supervision — and the resident's feedback or complaint. */
export default function MobileProjectDetail() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const query = useProject(id);
  const [kind, setKind] = useState<'feedback' | 'complaint'>('feedback');
  const [form] = Form.useForm<{ body: string; rating?: number }>();
  const write = useProjectWrite((b: object) => step(`/projects/${id}/supervision`, b));
  const send = useFormSubmit(form, async (v) => {
    await write.mutateAsync({ kind, body: v.body, ...(kind === 'feedback' && v.rating ? { rating: v.rating } : {}) });
    feedback.success(t('proj.m.sent'));
    form.resetFields();
  });
  return (
    <MobilePage title={t('proj.m.title')} back="/m/projects" testId="m-project">
      {query.isPending ? <PageSpinner /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (() => {
        const p = query.data;
        return (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>{p.title}</Typography.Title>
            <Space wrap><StatusTag status={p.status} t={t} /><Tag>{t(`proj.kind.${p.kind}`)}</Tag></Space>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('proj.f.need')}>{p.need}</Descriptions.Item>
              <Descriptions.Item label={t('proj.f.period')}>{`${p.periodStart} ~ ${p.periodEnd}`}</Descriptions.Item>
              <Descriptions.Item label={t('proj.f.awardee')}>{p.awardeeName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('proj.f.approved')}>{yuan(p.approvedAmount)}</Descriptions.Item>
              <Descriptions.Item label={t('proj.f.paid')}>{yuan(p.paidAmount)}</Descriptions.Item>
              <Descriptions.Item label={t('proj.f.served')}>{`${p.servedCount} / ${p.beneficiariesTarget}`}</Descriptions.Item>
            </Descriptions>
            <Typography.Text strong>{t('proj.m.progress')}</Typography.Text>
            {p.milestones.length + p.activities.length === 0 ? <Empty description={t('proj.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <List size="small" bordered dataSource={[
                ...p.milestones.map((m) => ({ k: `m${m.id}`, text: `${m.dueOn} ${m.title}`, done: !!m.doneAt })),
                ...p.activities.map((x) => ({ k: `a${x.id}`, text: `${x.heldOn} ${x.title}（${x.participants}）`, done: true })),
              ]} renderItem={(i) => <List.Item key={i.k}><Space>{i.done ? <Tag color="green">✓</Tag> : <Tag>…</Tag>}{i.text}</Space></List.Item>} />
            )}
            <Typography.Text strong>{t('proj.detail.supervision')}</Typography.Text>
            {p.supervision.length === 0 ? <Empty description={t('proj.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <List size="small" bordered dataSource={p.supervision} data-testid="m-supervision" renderItem={(s) => (
                <List.Item key={s.id}>
                  <Space direction="vertical" size={0}>
                    <Space><Tag color={s.kind === 'complaint' ? 'red' : 'green'}>{t(`proj.sup.${s.kind}`)}</Tag>{s.rating && <Rate disabled value={s.rating} />}</Space>
                    <span>{s.body}</span>
                    <Typography.Text type="secondary">{s.authorName} · {formatDateTime(s.createdAt)}</Typography.Text>
                    {s.reply && <Typography.Text type="success">{t('proj.f.reply')}：{s.reply}</Typography.Text>}
                  </Space>
                </List.Item>
              )} />
            )}
            {p.actions.includes('feedback') && (
              <Form form={form} layout="vertical" data-testid="m-feedback-form">
                <Segmented block value={kind} onChange={(v) => setKind(v as 'feedback' | 'complaint')} options={[{ value: 'feedback', label: t('proj.m.feedback') }, { value: 'complaint', label: t('proj.m.complaint') }]} />
                {kind === 'feedback' && <Form.Item name="rating" label={t('proj.f.rating')} style={{ marginTop: 8 }}><Rate /></Form.Item>}
                <Form.Item name="body" label={t('proj.f.body')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('proj.f.body') }) }]} style={{ marginTop: 8 }}>
                  <Input.TextArea rows={3} maxLength={2000} data-testid="m-feedback-body" />
                </Form.Item>
                <Button type="primary" block size="large" loading={write.isPending} onClick={send} data-testid="m-feedback-send">{t('proj.m.send')}</Button>
              </Form>
            )}
          </Space>
        );
      })()}
    </MobilePage>
  );
}
