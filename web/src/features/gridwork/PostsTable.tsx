import { Avatar, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, IdcardOutlined, UserOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useDeletePost } from './api';
import { postLabel } from './labels';
import type { GridPost } from './types';

interface Props {
  posts: GridPost[];
  onEdit: (post: GridPost) => void;
  onEditCard: (post: GridPost) => void;
}

export function PostsTable({ posts, onEdit, onEditCard }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const del = useDeletePost();

  const onDelete = async (post: GridPost) => {
    try {
      await del.mutateAsync(post.id);
      feedback.success(t('gw.postDeleted'));
    } catch (err) {
      feedback.error(err);
    }
  };

  const columns: TableColumnsType<GridPost> = [
    { title: t('gw.postKind'), dataIndex: 'post', width: 90, render: (v: string) => <Tag>{postLabel(t, v)}</Tag> },
    {
      title: t('gw.holderA'),
      key: 'a',
      render: (_, p) => (
        <Space size={6}>
          <Avatar size="small" src={p.cardPhotoUrl ?? undefined} icon={<UserOutlined />} />
          <span>{p.primaryName}</span>
          {p.primaryUserId === null && <Tag>{t('gw.noAccount')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('gw.holderB'),
      key: 'b',
      render: (_, p) =>
        p.backupName ? (
          p.backupName
        ) : (
          <Tag color="error" data-testid={`post-${p.id}-no-backup`}>
            {t('gw.missingBackup')}
          </Tag>
        ),
    },
    { title: t('gw.cardPhone'), dataIndex: 'cardPhone', render: (v: string | null) => v ?? '—' },
    {
      title: t('gw.cardDuties'),
      dataIndex: 'cardDuties',
      ellipsis: true,
      render: (v: string | null) => <Typography.Text type={v ? undefined : 'secondary'}>{v ?? '—'}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, p) => (
        <Space size={0} wrap>
          {p.actions.includes('update') && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(p)} data-testid={`post-${p.id}-edit`}>
              {t('common.edit')}
            </Button>
          )}
          {p.actions.includes('update_card') && (
            <Button type="link" size="small" icon={<IdcardOutlined />} onClick={() => onEditCard(p)} data-testid={`post-${p.id}-card`}>
              {t('gw.editCard')}
            </Button>
          )}
          {p.actions.includes('delete') && (
            <Popconfirm
              title={t('gw.deletePostConfirm', { name: p.primaryName })}
              onConfirm={() => onDelete(p)}
              okButtonProps={{ danger: true, loading: del.isPending }}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`post-${p.id}-delete`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<GridPost>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={posts}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('gw.noPosts') }}
      data-testid="posts-table"
    />
  );
}
