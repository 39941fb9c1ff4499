import { Alert, Divider, Form, Input, Modal, Select } from 'antd';
import { PERMISSIONS } from '../../lib/domain';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import { useCreatePost, useUpdatePost } from './api';
import { CARD_RENAME, CardFields, cardInput, type CardValues } from './CardFields';
import { HolderUserSelect } from './HolderUserSelect';
import { postLabel } from './labels';
import { POST_KINDS, type GridPost, type PostKind } from './types';

interface Values extends CardValues {
  post: PostKind;
  primaryName: string;
  primaryUserId?: number | null;
  backupName?: string;
  backupUserId?: number | null;
}

interface Props {
  gridId: number;
  gridName: string;
  /** Absent: create a new post. */
  post?: GridPost;
  onClose: () => void;
}

/** Create a post, or re-staff one: A holder (主岗) and B backup (备岗), each a name and optionally an account. */
export function PostFormModal({ gridId, gridName, post, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const create = useCreatePost();
  const update = useUpdatePost();
  const canPickAccount = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.userRead);

  const onOk = async () => {
    const v = await form.validateFields();
    const holders = {
      primaryName: v.primaryName.trim(),
      primaryUserId: v.primaryUserId ?? null,
      backupName: v.backupName?.trim() || null,
      backupUserId: v.backupUserId ?? null,
    };
    try {
      if (post) await update.mutateAsync({ id: post.id, input: holders });
      else await create.mutateAsync({ orgId: gridId, post: v.post, ...holders, ...cardInput(v) });
      feedback.success(t(post ? 'gw.postSaved' : 'gw.postCreated'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, CARD_RENAME)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={post ? t('gw.editPostTitle', { grid: gridName, post: postLabel(t, post.post) }) : t('gw.addPostTitle', { grid: gridName })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'post-submit' }}
      destroyOnHidden
      width={560}
    >
      <Alert type="info" showIcon title={t('gw.staffing.ruleHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          post: post?.post ?? 'gridWorker',
          primaryName: post?.primaryName ?? '',
          primaryUserId: post?.primaryUserId ?? null,
          backupName: post?.backupName ?? '',
          backupUserId: post?.backupUserId ?? null,
          cardPhoto: [],
        }}
      >
        <Form.Item name="post" label={t('gw.postKind')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(post)}
            options={POST_KINDS.map((k) => ({ value: k, label: postLabel(t, k) }))}
            data-testid="post-kind"
          />
        </Form.Item>
        {canPickAccount && (
          <Form.Item name="primaryUserId" label={t('gw.holderAAccount')} extra={t('gw.accountHint')}>
            <HolderUserSelect
              initialLabel={post?.primaryName}
              onPick={(u) => u && form.setFieldValue('primaryName', u.displayName)}
              testId="post-primary-user"
            />
          </Form.Item>
        )}
        <Form.Item name="primaryName" label={t('gw.holderA')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} data-testid="post-primary-name" />
        </Form.Item>
        {canPickAccount && (
          <Form.Item name="backupUserId" label={t('gw.holderBAccount')}>
            <HolderUserSelect
              initialLabel={post?.backupName}
              onPick={(u) => u && form.setFieldValue('backupName', u.displayName)}
              testId="post-backup-user"
            />
          </Form.Item>
        )}
        <Form.Item name="backupName" label={t('gw.holderB')} extra={t('gw.holderBHint')} rules={[{ max: 50 }]}>
          <Input maxLength={50} data-testid="post-backup-name" />
        </Form.Item>
        {!post && (
          <>
            <Divider titlePlacement="start">{t('gw.card')}</Divider>
            <CardFields />
          </>
        )}
      </Form>
    </Modal>
  );
}
