import { useState } from 'react';
import { Button, Card, Empty, List, Pagination, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useGridPosts } from './api';
import { CardFormModal } from './CardFormModal';
import { PostFormModal } from './PostFormModal';
import { PostsTable } from './PostsTable';
import { StaffingSummary } from './StaffingSummary';
import type { GridPost, GridStaffing } from './types';

type Editing =
  | { kind: 'create'; grid: GridStaffing }
  | { kind: 'holders'; grid: GridStaffing; post: GridPost }
  | { kind: 'card'; post: GridPost };

/** 网格配置: every grid in scope with its 1+4+X posts (A holder, B backup) and public cards. */
export function PostsTab({ orgId }: { orgId?: number }) {
  const t = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const query = useGridPosts(orgId, page.page, page.pageSize);

  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { items, total } = query.data;

  return (
    <>
      <Typography.Paragraph type="secondary">{t('gw.staffing.intro')}</Typography.Paragraph>
      {items.length === 0 ? (
        <Empty description={t('gw.noGrids')} data-testid="gw-no-grids" />
      ) : (
        <List
          dataSource={items}
          loading={query.isFetching}
          split={false}
          data-testid="grid-list"
          renderItem={(grid) => (
            <List.Item style={{ display: 'block', padding: '0 0 16px' }}>
              <Card
                size="small"
                data-testid={`grid-${grid.gridId}`}
                title={
                  <Space wrap>
                    <span>{grid.gridName}</span>
                    <StaffingSummary staffing={grid.staffing} gridId={grid.gridId} />
                  </Space>
                }
                extra={
                  grid.actions.includes('create_post') && (
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setEditing({ kind: 'create', grid })}
                      data-testid={`grid-${grid.gridId}-add-post`}
                    >
                      {t('gw.addPost')}
                    </Button>
                  )
                }
              >
                <PostsTable
                  posts={grid.posts}
                  onEdit={(post) => setEditing({ kind: 'holders', grid, post })}
                  onEditCard={(post) => setEditing({ kind: 'card', post })}
                />
              </Card>
            </List.Item>
          )}
        />
      )}
      {total > page.pageSize && (
        <Pagination
          align="end"
          current={page.page}
          pageSize={page.pageSize}
          total={total}
          showTotal={(n) => t('gw.gridsTotal', { total: n })}
          onChange={(p, size) => setPage({ page: size !== page.pageSize ? 1 : p, pageSize: size })}
        />
      )}
      {editing?.kind === 'create' && (
        <PostFormModal gridId={editing.grid.gridId} gridName={editing.grid.gridName} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'holders' && (
        <PostFormModal
          gridId={editing.grid.gridId}
          gridName={editing.grid.gridName}
          post={editing.post}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'card' && <CardFormModal post={editing.post} onClose={() => setEditing(null)} />}
    </>
  );
}
