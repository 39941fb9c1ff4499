import { useState } from 'react';
import { Button, Card, Input, Space, Typography } from 'antd';
import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { isConflict, useRequestAction } from './api';
import type { Rating, RequestItem } from './types';

const ICON = { satisfied: <SmileOutlined />, basic: <MehOutlined />, unsatisfied: <FrownOutlined /> };
const CHOICES: Rating[] = ['satisfied', 'basic', 'unsatisfied'];

/** 评价: the reporter rates a resolved request (满意 / 基本满意 / 不满意) with an optional comment. */
export function RatePanel({ request }: { request: RequestItem }) {
  const t = useT();
  const feedback = useFeedback();
  const mutation = useRequestAction(request.id);
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  if (!request.actions.includes('rate')) return null;

  const submit = async () => {
    if (!rating) {
      feedback.error(new Error(t('req.rate.pick')));
      return;
    }
    try {
      await mutation.mutateAsync({ action: 'rate', body: { rating, comment: comment.trim() || null } });
      feedback.success(t('req.rate.done'));
    } catch (err) {
      feedback.error(err);
      if (isConflict(err)) setRating(null);
    }
  };

  return (
    <Card size="small" title={t('req.rate.title')} data-testid="rate-panel">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space.Compact block>
          {CHOICES.map((r) => (
            <Button
              key={r}
              size="large"
              style={{ flex: 1 }}
              icon={ICON[r]}
              type={rating === r ? 'primary' : 'default'}
              danger={r === 'unsatisfied' && rating === r}
              aria-pressed={rating === r}
              onClick={() => setRating(r)}
              data-testid={`rate-${r}`}
            >
              {t(`req.rating.${r}`)}
            </Button>
          ))}
        </Space.Compact>
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('req.rate.comment')}
          data-testid="rate-comment"
        />
        <Button type="primary" block size="large" loading={mutation.isPending} onClick={() => void submit()} data-testid="rate-submit">
          {t('req.rate.submit')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('req.reopen.hint')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
