import { useState } from 'react';
import { Button, Empty, Flex, Input, List, Space, Typography } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useWrite } from './api';
import { fmtTime } from './labels';
import type { Comment } from './types';

/** A consultation's thread: replies under their comment, hidden ones shown as such; the box to comment when open. */
export function Comments({ consultationId, comments, canComment, onHide }: { consultationId: number; comments: Comment[]; canComment: boolean; onHide?: (c: Comment) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const send = useWrite<{ body: string; parentId?: number }>('post', () => `/delib-consultations/${consultationId}/comments`);
  const roots = comments.filter((c) => c.parentId === null);
  const item = (c: Comment, depth: number) => (
    <div key={c.id} style={{ marginInlineStart: depth * 24, padding: '8px 0', borderBottom: '1px solid #f5f5f5' }} data-testid={`delib-comment-${c.id}`}>
      <Space><Typography.Text strong>{c.authorName}</Typography.Text><Typography.Text type="secondary">{fmtTime(c.createdAt)}</Typography.Text></Space>
      <div>{c.hidden ? <Typography.Text type="secondary" italic>{t('delib.consult.hidden', { reason: c.hiddenReason ?? '' })}</Typography.Text> : c.body}</div>
      {c.hidden && c.body && <Typography.Text delete type="secondary">{c.body}</Typography.Text>}
      <Space size="small">
        {canComment && !c.hidden && depth === 0 && <Button type="link" size="small" onClick={() => setReplyTo(c)}>{t('delib.consult.reply')}</Button>}
        {onHide && c.actions.includes('hide') && <Button type="link" size="small" danger onClick={() => onHide(c)} data-testid={`delib-comment-${c.id}-hide`}>{t('delib.consult.hide')}</Button>}
      </Space>
      {comments.filter((r) => r.parentId === c.id).map((r) => item(r, depth + 1))}
    </div>
  );
  const submit = () => send.mutateAsync({ body: text.trim(), ...(replyTo ? { parentId: replyTo.id } : {}) })
    .then(() => { setText(''); setReplyTo(null); }).catch(feedback.error);
  return (
    <Flex vertical gap={8} data-testid="delib-comments">
      {roots.length === 0 ? <Empty description={t('delib.consult.noComments')} /> : <List>{roots.map((c) => item(c, 0))}</List>}
      {canComment ? (
        <Flex vertical gap={8}>
          {replyTo && <Typography.Text type="secondary">{t('delib.consult.reply')} {replyTo.authorName} <a onClick={() => setReplyTo(null)}>×</a></Typography.Text>}
          <Input.TextArea rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('delib.consult.placeholder')} data-testid="delib-comment-input" />
          <Button type="primary" disabled={!text.trim()} loading={send.isPending} onClick={() => void submit()} data-testid="delib-comment-send">{t('delib.consult.send')}</Button>
        </Flex>
      ) : <Typography.Text type="secondary">{t('delib.consult.closed')}</Typography.Text>}
    </Flex>
  );
}
