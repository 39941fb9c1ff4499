import { Button, Form, Input } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { replyComment, useMicroWrite } from './api';
import type { Comment } from './types';

/** 答复监督意见 (a second reply replaces the first). */
export function ReplyButton({ c }: { c: Comment }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ reply: string }>();
  const write = useMicroWrite((reply: string) => replyComment(c.id, reply));
  const ask = () => {
    form.setFieldsValue({ reply: c.reply ?? '' });
    feedback.modal.confirm({
      title: t('mp.reply'), icon: null,
      content: <Form form={form} layout="vertical"><Form.Item name="reply" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mp.reply') }) }]}><Input.TextArea rows={3} maxLength={1000} data-testid="reply-text" /></Form.Item></Form>,
      onOk: async () => {
        const { reply } = await form.validateFields();
        await write.mutateAsync(reply).then(() => feedback.success(t('mp.saved')), (e) => { feedback.error(e); throw e; });
      },
    });
  };
  return <Button size="small" onClick={ask} data-testid={`comment-reply-btn-${c.id}`}>{c.reply ? t('mp.replyAgain') : t('mp.reply')}</Button>;
}
