/** State of the lazily loaded org tree: loaded children per node, expansion, reveal-by-id. */
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Paged } from '../../lib/api';
import { fetchAncestors, fetchChildren, fetchOrg, orgKeys } from './api';
import type { Org } from './types';

export const TREE_PAGE_SIZE = 100;

export interface LoadedChildren {
  items: Org[];
  total: number;
  page: number;
}

export function useOrgTree() {
  const qc = useQueryClient();
  const [children, setChildren] = useState<Record<number, LoadedChildren>>({});
  const [expandedKeys, setExpandedKeys] = useState<number[]>([]);
  const childrenRef = useRef(children);
  childrenRef.current = children;

  const loadChildren = useCallback(
    async (id: number, page = 1): Promise<LoadedChildren> => {
      const res: Paged<Org> = await qc.fetchQuery({
        queryKey: orgKeys.children(id, page, TREE_PAGE_SIZE),
        queryFn: () => fetchChildren(id, page, TREE_PAGE_SIZE),
        staleTime: 0,
      });
      const prev = childrenRef.current[id];
      const base = page > 1 && prev ? prev.items : [];
      const seen = new Set(base.map((o) => o.id));
      const next = { items: [...base, ...res.items.filter((o) => !seen.has(o.id))], total: res.total, page };
      childrenRef.current = { ...childrenRef.current, [id]: next };
      setChildren(childrenRef.current);
      return next;
    },
    [qc],
  );

  /** Expands the tree down to `id`, loading every ancestor's children on the way. */
  const reveal = useCallback(
    async (id: number): Promise<void> => {
      const { items: ancestors } = await qc.fetchQuery({
        queryKey: orgKeys.ancestors(id),
        queryFn: () => fetchAncestors(id),
      });
      for (const anc of ancestors) {
        const loaded = childrenRef.current[anc.id] ?? (await loadChildren(anc.id));
        const next = ancestors[ancestors.indexOf(anc) + 1]?.id ?? id;
        if (!loaded.items.some((o) => o.id === next)) {
          // Target is beyond the loaded page: pin it into the list so it can be shown.
          const org = await qc.fetchQuery({ queryKey: orgKeys.detail(next), queryFn: () => fetchOrg(next) });
          childrenRef.current = { ...childrenRef.current, [anc.id]: { ...loaded, items: [...loaded.items, org] } };
          setChildren(childrenRef.current);
        }
      }
      setExpandedKeys((keys) => Array.from(new Set([...keys, ...ancestors.map((a) => a.id)])));
    },
    [qc, loadChildren],
  );

  /** Reloads the first page of children of the given nodes (after create/update/delete). */
  const refresh = useCallback(
    async (ids: Array<number | null | undefined>) => {
      await Promise.all(
        ids
          .filter((id): id is number => typeof id === 'number' && childrenRef.current[id] !== undefined)
          .map((id) => loadChildren(id)),
      );
    },
    [loadChildren],
  );

  return { children, expandedKeys, setExpandedKeys, loadChildren, reveal, refresh };
}

export type OrgTreeState = ReturnType<typeof useOrgTree>;
