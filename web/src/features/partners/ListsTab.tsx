import { useMemo, useState } from 'react';
import { Button, Space, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../lib/i18n';
import { useWrite } from './api';
import { ClaimModal } from './ClaimModal';
import { FormModal, type Field } from './FormModal';
import { label, options, StatusTag } from './labels';
import { PagedList } from './PagedList';
import { NEED_SOURCES, NEED_STATUSES, type Need, type Offer, type Post } from './types';

type Target = { needId?: number; postId?: number; title: string };

/** 需求清单: publish, edit, finish or close needs; record a claim by a member or unit; Excel. */
export function NeedsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<Need | null>();
  const [claiming, setClaiming] = useState<Target>();
  const create = useWrite<Record<string, unknown>>('post', () => '/partner-needs');
  const update = useWrite<Record<string, unknown>>('patch', () => `/partner-needs/${editing?.id}`);
  const fields = useMemo<Field[]>(() => [
    ...(editing ? [] : [{ name: 'orgId', label: t('partners.col.community'), kind: 'org' as const, required: true, levels: ['community'] as const }]),
    { name: 'title', label: t('partners.col.needTitle'), kind: 'text', required: true, max: 100 },
    { name: 'description', label: t('partners.col.description'), kind: 'textarea', required: true, max: 2000 },
    { name: 'category', label: t('partners.col.category'), kind: 'text', required: true, max: 30, placeholder: t('partners.need.categoryHint') },
    ...(editing ? [] : [{ name: 'source', label: t('partners.col.source'), kind: 'select' as const, required: true, options: options(t, 'needSource', NEED_SOURCES) }]),
    { name: 'capacity', label: t('partners.col.capacity'), kind: 'number', min: 1, max: 1000 },
    { name: 'dueOn', label: t('partners.col.dueOn'), kind: 'date' },
    ...(editing ? [{ name: 'status', label: t('partners.col.status'), kind: 'select' as const, options: options(t, 'needStatus', ['open', 'done', 'closed']) }] : []),
  ], [t, editing]);
  const columns: ColumnsType<Need> = [
    { title: t('partners.col.needTitle'), key: 'title', render: (_, n) => <Tooltip title={n.description}><span>{n.title}</span></Tooltip> },
    { title: t('partners.col.category'), dataIndex: 'category', key: 'category' },
    { title: t('partners.col.source'), dataIndex: 'source', key: 'source', render: (v: string) => label(t, 'needSource', v) },
    { title: t('partners.col.community'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.claimedOf'), key: 'claimed', render: (_, n) => `${n.claimed} / ${n.capacity}` },
    { title: t('partners.col.dueOn'), dataIndex: 'dueOn', key: 'dueOn', render: (v: string | null) => v ?? '—' },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="needStatus" value={v} /> },
    { title: t('common.actions'), key: 'a', render: (_, n) => (
      <Space>
        {n.actions.includes('claim') && <Button size="small" onClick={() => setClaiming({ needId: n.id, title: n.title })} data-testid={`need-${n.id}-claim`}>{t('partners.claim.record')}</Button>}
        {n.actions.includes('update') && <Button size="small" onClick={() => setEditing(n)} data-testid={`need-${n.id}-edit`}>{t('common.edit')}</Button>}
      </Space>
    ) },
  ];
  return (
    <>
      <PagedList<Need>
        path="/partner-needs" exportPath="/partner-needs/export.xlsx" exportName={t('partners.file.needs')} columns={columns} testId="partner-needs" empty={t('partners.empty.needs')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('partners.filter.needQ') },
          { name: 'orgId', kind: 'org', placeholder: t('partners.filter.org') },
          { name: 'status', kind: 'select', placeholder: t('partners.col.status'), options: options(t, 'needStatus', NEED_STATUSES) },
          { name: 'source', kind: 'select', placeholder: t('partners.col.source'), options: options(t, 'needSource', NEED_SOURCES) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="need-create">{t('partners.need.create')}</Button>}
      />
      <FormModal
        open={editing !== undefined} title={editing ? t('partners.need.edit') : t('partners.need.create')} fields={fields} testId="need-form"
        initial={editing ? { title: editing.title, description: editing.description, category: editing.category, capacity: editing.capacity, dueOn: editing.dueOn } : undefined}
        onSubmit={(v) => (editing ? update.mutateAsync(v) : create.mutateAsync(v))} onClose={() => setEditing(undefined)}
      />
      <ClaimModal target={claiming} onClose={() => setClaiming(undefined)} />
    </>
  );
}

/** 服务清单: what members and units offer. */
export function OffersTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const create = useWrite<Record<string, unknown>>('post', () => '/service-offers');
  const withdraw = useWrite<number>('patch', (id) => `/service-offers/${id}`, () => ({ status: 'withdrawn' }));
  const fields = useMemo<Field[]>(() => [
    { name: 'memberId', label: t('partners.col.memberId'), kind: 'number', min: 1 },
    { name: 'unitId', label: t('partners.col.unitId'), kind: 'number', min: 1 },
    { name: 'title', label: t('partners.col.offerTitle'), kind: 'text', required: true, max: 100 },
    { name: 'description', label: t('partners.col.description'), kind: 'textarea', required: true, max: 2000 },
    { name: 'availability', label: t('partners.col.availability'), kind: 'text', max: 200 },
  ], [t]);
  const columns: ColumnsType<Offer> = [
    { title: t('partners.col.offerTitle'), key: 'title', render: (_, o) => <Tooltip title={o.description}><span>{o.title}</span></Tooltip> },
    { title: t('partners.col.provider'), key: 'p', render: (_, o) => <>{o.providerName} <Typography.Text type="secondary">({t(o.memberId ? 'partners.subject.member' : 'partners.subject.unit')})</Typography.Text></> },
    { title: t('partners.col.availability'), dataIndex: 'availability', key: 'availability', render: (v: string | null) => v ?? '—' },
    { title: t('partners.col.community'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="offerStatus" value={v} /> },
    { title: t('common.actions'), key: 'a', render: (_, o) => o.actions.includes('update') && o.status === 'active' && (
      <Button size="small" onClick={() => withdraw.mutate(o.id)} data-testid={`offer-${o.id}-withdraw`}>{t('partners.offer.withdraw')}</Button>
    ) },
  ];
  return (
    <>
      <PagedList<Offer>
        path="/service-offers" exportPath="/service-offers/export.xlsx" exportName={t('partners.file.offers')} columns={columns} testId="partner-offers" empty={t('partners.empty.offers')}
        filters={[
          { name: 'q', kind: 'search', placeholder: t('partners.filter.offerQ') },
          { name: 'provider', kind: 'select', placeholder: t('partners.col.provider'), options: [{ value: 'member', label: t('partners.subject.member') }, { value: 'unit', label: t('partners.subject.unit') }] },
          { name: 'status', kind: 'select', placeholder: t('partners.col.status'), options: options(t, 'offerStatus', ['active', 'withdrawn']) },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="offer-create">{t('partners.offer.create')}</Button>}
      />
      <FormModal open={creating} title={t('partners.offer.create')} fields={fields} testId="offer-form" onSubmit={(v) => create.mutateAsync(v)} onClose={() => setCreating(false)} />
    </>
  );
}

/** 服务岗位: posts a community defines for members to claim. */
export function PostsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<Post | null>();
  const [claiming, setClaiming] = useState<Target>();
  const create = useWrite<Record<string, unknown>>('post', () => '/service-posts');
  const update = useWrite<Record<string, unknown>>('patch', () => `/service-posts/${editing?.id}`);
  const fields = useMemo<Field[]>(() => [
    ...(editing ? [] : [{ name: 'orgId', label: t('partners.col.community'), kind: 'org' as const, required: true, levels: ['community'] as const }]),
    { name: 'name', label: t('partners.col.postName'), kind: 'text', required: true, max: 50, placeholder: t('partners.post.nameHint') },
    { name: 'description', label: t('partners.col.description'), kind: 'textarea', max: 500 },
    { name: 'capacity', label: t('partners.col.capacity'), kind: 'number', required: true, min: 1, max: 1000 },
    ...(editing ? [{ name: 'status', label: t('partners.col.status'), kind: 'select' as const, options: options(t, 'postStatus', ['open', 'closed']) }] : []),
  ], [t, editing]);
  const columns: ColumnsType<Post> = [
    { title: t('partners.col.postName'), dataIndex: 'name', key: 'name' },
    { title: t('partners.col.description'), dataIndex: 'description', key: 'description', render: (v: string | null) => v ?? '—' },
    { title: t('partners.col.community'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.claimedOf'), key: 'c', render: (_, p) => `${p.claimed} / ${p.capacity}` },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="postStatus" value={v} /> },
    { title: t('common.actions'), key: 'a', render: (_, p) => (
      <Space>
        {p.actions.includes('claim') && p.claimed < p.capacity && <Button size="small" onClick={() => setClaiming({ postId: p.id, title: p.name })} data-testid={`post-${p.id}-claim`}>{t('partners.claim.record')}</Button>}
        {p.actions.includes('update') && <Button size="small" onClick={() => setEditing(p)} data-testid={`post-${p.id}-edit`}>{t('common.edit')}</Button>}
      </Space>
    ) },
  ];
  return (
    <>
      <PagedList<Post>
        path="/service-posts" exportPath="/service-posts/export.xlsx" exportName={t('partners.file.posts')} columns={columns} testId="partner-posts" empty={t('partners.empty.posts')}
        filters={[{ name: 'q', kind: 'search', placeholder: t('partners.filter.postQ') }, { name: 'orgId', kind: 'org', placeholder: t('partners.filter.org') }]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="post-create">{t('partners.post.create')}</Button>}
      />
      <FormModal
        open={editing !== undefined} title={editing ? t('partners.post.edit') : t('partners.post.create')} fields={fields} testId="post-form"
        initial={editing ? { name: editing.name, description: editing.description, capacity: editing.capacity, status: editing.status } : undefined}
        onSubmit={(v) => (editing ? update.mutateAsync(v) : create.mutateAsync(v))} onClose={() => setEditing(undefined)}
      />
      <ClaimModal target={claiming} onClose={() => setClaiming(undefined)} />
    </>
  );
}
