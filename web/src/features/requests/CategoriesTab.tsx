import { useState } from 'react';
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorState } from '../../components/PageStates';
import { useLang } from '../../lib/i18n';
import { useCategories } from './api';
import { CategoryFormModal } from './CategoryFormModal';
import { categoryName, kindLabel } from './labels';
import { DEADLINE_FIELDS, type Category } from './types';

type Row = Category & { children?: Row[] };

/** Categories as a tree, children in `sort` order. */
function tree(items: Category[]): Row[] {
  const byParent = new Map<number | null, Category[]>();
  const ids = new Set(items.map((c) => c.id));
  for (const c of items) {
    const p = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), c]);
  }
  const build = (p: number | null): Row[] =>
    (byParent.get(p) ?? []).sort((a, b) => a.sort - b.sort || a.id - b.id).map((c) => {
      const children = build(c.id);
      return children.length ? { ...c, children } : { ...c };
    });
  return build(null);
}

/** 诉求分类: the one catalogue (tree) with deadlines; inherited hours are marked. */
export function CategoriesTab({ canEdit }: { canEdit: boolean }) {
  const { t, lang } = useLang();
  const query = useCategories(true);
  const [modal, setModal] = useState<{ editing?: Category; parent?: Category | null } | null>(null);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const columns: TableColumnsType<Row> = [
    {
      title: t('req.cat.name'),
      key: 'name',
      render: (_, c) => (
        <Space size={4}>
          <span data-testid={`category-${c.code}`}>{categoryName(c, lang)}</span>
          {!c.active && <Tag>{t('req.cat.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('req.cat.code'), dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('req.cat.kinds'), dataIndex: 'kinds', render: (k: string[]) => (k.length ? k.map((x) => kindLabel(t, x)).join('、') : '—') },
    ...DEADLINE_FIELDS.map((f) => ({
      title: `${t(`req.cat.${f}`)}(h)`,
      key: f,
      align: 'right' as const,
      render: (_: unknown, c: Row) => (c[f] !== null ? c[f] : <Typography.Text type="secondary">{t('req.cat.inherited', { n: c.effective[f] })}</Typography.Text>),
    })),
    { title: t('req.cat.public'), dataIndex: 'public', render: (v: boolean) => t(v ? 'common.yes' : 'common.no') },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        c.actions.includes('update') && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setModal({ editing: c })} data-testid={`category-edit-${c.id}`}>{t('req.cat.edit')}</Button>
            <Button type="link" size="small" onClick={() => setModal({ parent: c })}>{t('req.cat.createChild')}</Button>
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ parent: null })} data-testid="category-create">
          {t('req.cat.create')}
        </Button>
      )}
      <Table<Row>
        // Remounted once the data is there, so every branch starts expanded.
        key={query.data ? 'loaded' : 'loading'}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tree(query.data?.items ?? [])}
        loading={query.isFetching}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('req.cat.empty')} /> }}
        data-testid="category-table"
      />
      {modal && <CategoryFormModal {...modal} onClose={() => setModal(null)} />}
    </Space>
  );
}
