import { Form, Modal } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useUpdatePost } from './api';
import { CARD_RENAME, CardFields, cardInput, type CardValues } from './CardFields';
import { postLabel } from './labels';
import type { GridPost } from './types';

/** Edit the public 亮牌 card of a post (the holder may do this on their own post). */
export function CardFormModal({ post, onClose }: { post: GridPost; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<CardValues>();
  const update = useUpdatePost();

  const onOk = async () => {
    const values = await form.validateFields();
    try {
      await update.mutateAsync({ id: post.id, input: cardInput(values) });
      feedback.success(t('gw.cardSaved'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, CARD_RENAME)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('gw.editCardTitle', { post: postLabel(t, post.post), name: post.primaryName })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'card-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          cardPhoto: post.cardPhotoId && post.cardPhotoUrl ? [{ id: post.cardPhotoId, url: post.cardPhotoUrl }] : [],
          cardPhone: post.cardPhone ?? '',
          cardDuties: post.cardDuties ?? '',
        }}
      >
        <CardFields />
      </Form>
    </Modal>
  );
}
