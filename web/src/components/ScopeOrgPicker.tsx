import { useMemo, useState } from 'react';
import { Spin, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Paged } from '../lib/api';
import { levelLabel, type OrgLevel } from '../lib/domain';
import { useT } from '../lib/i18n';
import { useDebounced } from '../lib/useDebounced';

/** The org fields the picker needs (a subset of GET /orgs rows). */
export interface PickedOrg {
  id: number;
  parentId: number | null;
  level: OrgLevel;
  name: string;
  code: string;
  childCount: number;
}

interface Props {
  value?: number;
  onChange?: (value: number | undefined, org?: PickedOrg) => void;
  /** Only these levels can be chosen (others stay expandable). */
  levels?: readonly OrgLevel[];
  /** Label shown for a value whose node is not loaded yet (e.g. the record's orgName). */
  initialLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

interface Node {
  id: number;
  pId: number | 0;
  value: number;
  title: string;
  isLeaf: boolean;
  disabled: boolean;
}

const CHILD_PAGE = 200;

/**
 * Org picker limited to the user's data scope: a lazily loaded tree from the scope roots
 * (GET /orgs/roots, /orgs/:id/children); typing switches to a server-side name search.
 */
export function ScopeOrgPicker(props: Props) {
  const { value, onChange, levels, initialLabel, placeholder, allowClear = true, id, style } = props;
  const t = useT();
  const qc = useQueryClient();
  const [loaded, setLoaded] = useState<Record<number, PickedOrg>>({});
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());

  const roots = useQuery({
    queryKey: ['orgs', 'roots'],
    queryFn: () => api.get<{ items: PickedOrg[] }>('/orgs/roots'),
    staleTime: 60_000,
  });
  const search = useQuery({
    queryKey: ['orgs', 'search', { q, page: 1, pageSize: 30 }],
    queryFn: () => api.get<Paged<PickedOrg>>('/orgs', { q, page: 1, pageSize: 30 }),
    enabled: q.length > 0,
  });

  // A preset value whose node is not loaded (and no label given): ask for its name.
  const known = value === undefined || !!initialLabel || !!loaded[value] || !!roots.data?.items.some((o) => o.id === value);
  const current = useQuery({
    queryKey: ['orgs', 'detail', value],
    queryFn: () => api.get<PickedOrg>(`/orgs/${value}`),
    enabled: !known,
    staleTime: 60_000,
  });
  const presetLabel = initialLabel ?? (current.data ? `${current.data.name}（${levelLabel(t, current.data.level)}）` : undefined);

  const toNode = (o: PickedOrg, pId: number | 0, leaf?: boolean): Node => ({
    id: o.id,
    pId,
    value: o.id,
    title: `${o.name}（${levelLabel(t, o.level)}）`,
    isLeaf: leaf ?? o.childCount === 0,
    disabled: !!levels && !levels.includes(o.level),
  });

  const treeData = useMemo(() => {
    if (q) return (search.data?.items ?? []).map((o) => toNode(o, 0, true));
    const rootIds = new Set((roots.data?.items ?? []).map((o) => o.id));
    const nodes: Node[] = (roots.data?.items ?? []).map((o) => toNode(o, 0));
    for (const o of Object.values(loaded)) {
      if (!rootIds.has(o.id)) nodes.push(toNode(o, o.parentId ?? 0));
    }
    if (value !== undefined && presetLabel && !nodes.some((n) => n.id === value)) {
      nodes.unshift({ id: value, pId: 0, value, title: presetLabel, isLeaf: true, disabled: false });
    }
    return nodes;
  }, [q, search.data, roots.data, loaded, value, presetLabel, levels, t]);

  const byId = (orgId: number): PickedOrg | undefined =>
    loaded[orgId] ?? roots.data?.items.find((o) => o.id === orgId) ?? search.data?.items.find((o) => o.id === orgId);

  const loadData = async (node: { value?: unknown }) => {
    const parent = Number(node.value);
    if (!Number.isFinite(parent)) return;
    const res = await qc.fetchQuery({
      queryKey: ['orgs', 'children', parent, 1, CHILD_PAGE],
      queryFn: () => api.get<Paged<PickedOrg>>(`/orgs/${parent}/children`, { page: 1, pageSize: CHILD_PAGE }),
      staleTime: 30_000,
    });
    setLoaded((prev) => {
      const next = { ...prev };
      for (const o of res.items) next[o.id] = { ...o, parentId: o.parentId ?? parent };
      return next;
    });
  };

  return (
    <TreeSelect<number>
      id={id}
      data-testid={props['data-testid']}
      style={{ width: '100%', ...style }}
      treeDataSimpleMode
      treeData={treeData}
      loadData={q ? undefined : loadData}
      value={value}
      allowClear={allowClear}
      placeholder={placeholder ?? t('orgPicker.placeholder')}
      showSearch={{ filterTreeNode: false, onSearch: setText, searchValue: text }}
      onChange={(v) => {
        setText('');
        onChange?.(v ?? undefined, v !== undefined && v !== null ? byId(v) : undefined);
      }}
      notFoundContent={roots.isLoading || search.isFetching ? <Spin size="small" /> : t('orgPicker.empty')}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      popupMatchSelectWidth={false}
    />
  );
}
