import { useEffect } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { roleLabel, type Role } from '../../lib/domain';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { OrgSelect } from '../orgs/OrgSelect';
import type { UpdateUserInput } from './types';
import { useCreateUser, useRoleOptions, useUpdateUser } from './api';
import type { User, UserStatus } from './types';

interface FormValues {
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  phone?: string;
  password: string;
  status: UserStatus;
}

interface Props {
  user: User | null; // null = create
  onClose: () => void;
}

export function UserFormModal({ user, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const isEdit = user !== null;
  const options = useRoleOptions().data?.items ?? [];
  const roles = options.map((o) => o.role);
  if (user && !roles.includes(user.role)) roles.unshift(user.role);
  const role = Form.useWatch('role', form);
  const canSetStatus = !!user && (user.actions.includes('disable') || user.actions.includes('enable'));

  useEffect(() => {
    form.resetFields();
    if (user) {
      form.setFieldsValue({ displayName: user.displayName, role: user.role, orgId: user.orgId, status: user.status });
    }
  }, [user, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      if (user) {
        // Send only what changed: a role/org change ends the user's sessions on the server.
        const input: UpdateUserInput = {};
        if (v.displayName.trim() !== user.displayName) input.displayName = v.displayName.trim();
        if (v.role !== user.role) input.role = v.role;
        if (v.orgId !== user.orgId) input.orgId = v.orgId;
        if (canSetStatus && v.status !== user.status) input.status = v.status;
        if (v.phone?.trim()) input.phone = v.phone.trim();
        if (Object.keys(input).length > 0) await update.mutateAsync({ id: user.id, input });
        feedback.success(t('user.updated'));
      } else {
        await create.mutateAsync({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          orgId: v.orgId,
          password: v.password,
          phone: v.phone?.trim() || undefined,
        });
        feedback.success(t('user.created'));
      }
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={isEdit ? t('user.editTitle', { name: user.displayName }) : t('user.createTitle')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form<FormValues> form={form} name="user" layout="vertical" autoComplete="off">
        {!isEdit && (
          <Form.Item
            name="username"
            label={t('user.username')}
            rules={[{ required: true, whitespace: true, min: 3, max: 64, pattern: /^[A-Za-z0-9_.@-]+$/ }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} rules={[{ required: true }]}>
          <Select<Role> options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('user.org')} rules={[{ required: true }]}>
          <OrgSelect initialLabel={user?.orgName} levels={role ? options.find((o) => o.role === role)?.orgLevels : undefined} />
        </Form.Item>
        {isEdit && canSetStatus && (
          <Form.Item name="status" label={t('user.status')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'active', label: t('status.active') },
                { value: 'disabled', label: t('status.disabled') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('user.phone')}
          extra={isEdit && user.phoneMasked ? `${user.phoneMasked} · ${t('user.phoneKeep')}` : undefined}
          rules={[{ pattern: /^\+?[\d -]{5,20}$/ }]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        {!isEdit && (
          <Form.Item name="password" label={t('user.initialPassword')} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
