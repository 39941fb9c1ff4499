import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS, ROLES, roleLabel, type Role } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime, isFuture } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportUsers, useRoleOptions, useUsers } from './api';
import { PhoneCell } from './PhoneCell';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserActions } from './UserActions';
import { UserFormModal } from './UserFormModal';
import type { User, UserListParams } from './types';

export default function UsersPage() {
  const t = useT();
  const feedback = useFeedback();
  const session = useSession();
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<User | null | undefined>(undefined); // null = create
  const [resetting, setResetting] = useState<User | null>(null);
  const [exporting, setExporting] = useState(false);
  const query = useUsers(params);
  const roleOptions = useRoleOptions();
  const canWrite =
    session.status === 'authenticated' &&
    hasPermission(session.me, PERMISSIONS.userWrite) &&
    (roleOptions.data?.items.length ?? 0) > 0;

  const onExport = async () => {
    setExporting(true);
    try {
      await exportUsers(params);
      feedback.success(t('common.exported'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t('user.username'), dataIndex: 'username', fixed: 'left' },
    { title: t('user.displayName'), dataIndex: 'displayName' },
    { title: t('user.role'), dataIndex: 'role', render: (r: Role) => roleLabel(t, r) },
    { title: t('user.org'), dataIndex: 'orgName', ellipsis: true },
    { title: t('user.phone'), key: 'phone', render: (_, u) => <PhoneCell user={u} /> },
    {
      title: t('user.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.status === 'active' ? <Tag color="green">{t('status.active')}</Tag> : <Tag>{t('status.disabled')}</Tag>}
          {isFuture(u.lockedUntil) && (
            <Tooltip title={t('user.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
              <Tag color="red">{t('status.locked')}</Tag>
            </Tooltip>
          )}
          {u.totpEnabled && (
            <Tooltip title={t('user.totp')}>
              <SafetyCertificateOutlined style={{ color: '#389e0d' }} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      responsive: ['lg'],
      render: (v: string | null) => (v ? formatDateTime(v) : t('user.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => <UserActions user={u} onEdit={setEditing} onResetPassword={setResetting} />,
    },
  ];

  return (
    <Card
      title={t('nav.users')}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            {t('common.exportExcel')}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('user.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('user.search')}
          style={{ width: 260 }}
          onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
          data-testid="user-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('user.allRoles')}
          style={{ width: 180 }}
          value={params.role}
          onChange={(role) => setParams((p) => ({ ...p, role, page: 1 }))}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        />
      </Space>
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('common.noData') }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) =>
            setParams((p) => ({ ...p, page: pageSize !== p.pageSize ? 1 : page, pageSize })),
        }}
      />
      {editing !== undefined && <UserFormModal user={editing} onClose={() => setEditing(undefined)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}
