import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { levelLabel } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useAncestors, useDeleteOrg, useOrg } from './api';
import { BoundaryPreview } from './BoundaryPreview';
import { OrgChildrenTable } from './OrgChildrenTable';
import { OrgFormModal } from './OrgFormModal';
import { OrgStats } from './OrgStats';
import type { OrgsOutletContext } from './OrgsPage';
import type { Org } from './types';

export default function OrgDetail() {
  const t = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const { tree } = useOutletContext<OrgsOutletContext>();
  const id = Number(useParams().id);
  const org = useOrg(id);
  const ancestors = useAncestors(id);
  const remove = useDeleteOrg();
  const [modal, setModal] = useState<'create' | 'edit' | null>(null);

  if (org.isPending) return <PageSpinner />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  const can = (action: string) => o.actions.includes(action);
  const canCreateChild = can('create_child') && o.creatableChildLevels.length > 0;
  const parents = ancestors.data?.items ?? [];

  const onDelete = async () => {
    try {
      await remove.mutateAsync(o.id);
      feedback.success(t('org.deleted'));
      await tree.refresh([o.parentId, parents[parents.length - 2]?.id]);
      navigate(o.parentId ? `/app/orgs/${o.parentId}` : '/app/orgs', { replace: true });
    } catch (err) {
      feedback.error(err);
    }
  };

  const onSaved = (saved: Org) => {
    const wasCreate = modal === 'create';
    setModal(null);
    if (wasCreate) {
      void tree.refresh([o.id, o.parentId]).then(() => navigate(`/app/orgs/${saved.id}`));
    } else {
      void tree.refresh([o.parentId]);
    }
  };

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('org.name'), children: o.name },
    { key: 'level', label: t('org.level'), children: <Tag color="blue">{levelLabel(t, o.level)}</Tag> },
    { key: 'code', label: t('org.code'), children: <Typography.Text copyable>{o.code}</Typography.Text> },
    { key: 'division', label: t('org.divisionCode'), children: o.divisionCode ?? '—' },
    { key: 'children', label: t('org.childCount'), children: o.childCount },
    {
      key: 'path',
      label: t('org.path'),
      span: 'filled',
      children: <Typography.Text type="secondary">{[...parents.map((p) => p.name), o.name].join(' / ')}</Typography.Text>,
    },
  ];
  if (o.childCount > 0) {
    items.push({ key: 'stats', label: t('org.stats'), span: 'filled', children: <OrgStats id={o.id} level={o.level} /> });
  }
  if (o.level === 'grid') {
    items.push(
      { key: 'households', label: t('org.householdsTarget'), children: o.householdsTarget ?? '—' },
      { key: 'boundary', label: t('org.boundary'), span: 'filled', children: <BoundaryPreview boundary={o.boundary} /> },
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Breadcrumb
            items={[
              ...parents.map((p) => ({ key: p.id, title: <Link to={`/app/orgs/${p.id}`}>{p.name}</Link> })),
              { key: o.id, title: o.name },
            ]}
          />
        }
        extra={
          <Space wrap>
            {canCreateChild && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')}>
                {t('org.createChild')}
              </Button>
            )}
            {can('update') && (
              <Button icon={<EditOutlined />} onClick={() => setModal('edit')}>
                {t('common.edit')}
              </Button>
            )}
            {can('delete') && (
              <Popconfirm
                title={t('org.deleteConfirm', { name: o.name })}
                okButtonProps={{ danger: true, loading: remove.isPending }}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={items} data-testid="org-detail" />
      </Card>
      {o.level !== 'grid' && <OrgChildrenTable key={o.id} parent={o} />}
      {modal && (
        <OrgFormModal mode={modal} org={o} open onClose={() => setModal(null)} onDone={onSaved} />
      )}
    </Space>
  );
}
