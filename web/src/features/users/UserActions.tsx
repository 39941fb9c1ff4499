import { Button, Popconfirm, Space } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useUnlockUser, useUpdateUser } from './api';
import type { User } from './types';

interface Props {
  user: User;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

/** Row buttons, each shown only when the server lists the action for this user. */
export function UserActions({ user, onEdit, onResetPassword }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const can = (a: string) => user.actions.includes(a);

  const setStatus = async (status: 'active' | 'disabled') => {
    try {
      await update.mutateAsync({ id: user.id, input: { status } });
      feedback.success(t('user.updated'));
    } catch (err) {
      feedback.error(err);
    }
  };

  const doUnlock = async () => {
    try {
      await unlock.mutateAsync(user.id);
      feedback.success(t('user.unlocked'));
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space size={0} wrap>
      {can('update') && (
        <Button type="link" size="small" onClick={() => onEdit(user)}>
          {t('common.edit')}
        </Button>
      )}
      {can('disable') && (
        <Popconfirm title={t('user.disableConfirm', { name: user.displayName })} onConfirm={() => setStatus('disabled')}>
          <Button type="link" size="small" danger loading={update.isPending}>
            {t('user.disable')}
          </Button>
        </Popconfirm>
      )}
      {can('enable') && (
        <Button type="link" size="small" loading={update.isPending} onClick={() => void setStatus('active')}>
          {t('user.enable')}
        </Button>
      )}
      {can('reset_password') && (
        <Button type="link" size="small" onClick={() => onResetPassword(user)}>
          {t('user.resetPassword')}
        </Button>
      )}
      {can('unlock') && (
        <Button type="link" size="small" loading={unlock.isPending} onClick={() => void doUnlock()}>
          {t('user.unlock')}
        </Button>
      )}
    </Space>
  );
}
