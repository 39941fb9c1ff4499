import { useEffect, useMemo, useRef } from 'react';
import { Empty, Tag, Tree } from 'antd';
import type { GetRef, TreeDataNode } from 'antd';
import { useNavigate } from 'react-router-dom';
import { levelLabel } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import type { Org } from './types';
import type { OrgTreeState } from './useOrgTree';

interface Props {
  roots: Org[];
  tree: OrgTreeState;
  selectedId: number | null;
}

const MORE_PREFIX = 'more:';

/** True when `key` is rendered, i.e. it is a root or all its ancestors are expanded. */
function isVisible(nodes: TreeDataNode[] | undefined, key: number, expanded: Set<number>): boolean {
  for (const node of nodes ?? []) {
    if (node.key === key) return true;
    if (typeof node.key === 'number' && expanded.has(node.key) && isVisible(node.children, key, expanded)) return true;
  }
  return false;
}

export function OrgTree({ roots, tree, selectedId }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const ref = useRef<GetRef<typeof Tree>>(null);
  const { children, expandedKeys, setExpandedKeys, loadChildren } = tree;

  const treeData = useMemo(() => {
    const build = (org: Org): TreeDataNode => {
      const loaded = children[org.id];
      const node: TreeDataNode = {
        key: org.id,
        title: (
          <span>
            {org.name}{' '}
            <Tag variant="filled" style={{ marginInlineStart: 4, fontSize: 11 }}>
              {levelLabel(t, org.level)}
            </Tag>
          </span>
        ),
        isLeaf: org.childCount === 0 && (!loaded || loaded.items.length === 0),
      };
      if (loaded) {
        node.children = loaded.items.map(build);
        if (loaded.items.length < loaded.total) {
          node.children.push({
            key: `${MORE_PREFIX}${org.id}:${loaded.page + 1}`,
            title: <a>{t('org.loadMore')}</a>,
            isLeaf: true,
          });
        }
      }
      return node;
    };
    return roots.map(build);
  }, [roots, children, t]);

  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedId === null || !isVisible(treeData, selectedId, new Set(expandedKeys))) return;
    const timer = setTimeout(() => {
      // Scroll only when the selected node is outside the visible part of the (virtual) list.
      const holder = boxRef.current?.querySelector('.ant-tree-list-holder');
      const row = boxRef.current?.querySelector('.ant-tree-treenode-selected');
      if (holder && row) {
        const [box, r] = [holder.getBoundingClientRect(), row.getBoundingClientRect()];
        if (r.top < box.top || r.bottom > box.bottom) row.scrollIntoView({ block: 'nearest' });
      } else {
        ref.current?.scrollTo({ key: selectedId, align: 'top', offset: 48 });
      }
    }, 50);
    return () => clearTimeout(timer);
  }, [selectedId, expandedKeys, treeData]);

  if (roots.length === 0) return <Empty description={t('org.noScope')} />;

  return (
    <div ref={boxRef}>
    <Tree
      ref={ref}
      className="gz-org-tree"
      blockNode
      showLine
      height={560}
      treeData={treeData}
      expandedKeys={expandedKeys}
      selectedKeys={selectedId !== null ? [selectedId] : []}
      onExpand={(keys) => setExpandedKeys(keys.filter((k): k is number => typeof k === 'number'))}
      loadData={async (node) => {
        if (typeof node.key !== 'number') return;
        try {
          await loadChildren(node.key);
        } catch (err) {
          feedback.error(err);
        }
      }}
      onSelect={(_keys, info) => {
        const key = info.node.key;
        if (typeof key === 'string' && key.startsWith(MORE_PREFIX)) {
          const [parent, page] = key.slice(MORE_PREFIX.length).split(':').map(Number);
          loadChildren(parent, page).catch(feedback.error);
          return;
        }
        if (typeof key === 'number') navigate(`/app/orgs/${key}`);
      }}
    />
    </div>
  );
}
