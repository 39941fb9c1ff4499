import { useEffect, useRef } from 'react';
import { Card, Col, Row } from 'antd';
import { Outlet, useMatch } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useRoots } from './api';
import { OrgToolbar } from './OrgToolbar';
import { OrgTree } from './OrgTree';
import { useOrgTree } from './useOrgTree';

export interface OrgsOutletContext {
  tree: ReturnType<typeof useOrgTree>;
  rootIds: number[];
}

export default function OrgsPage() {
  const t = useT();
  const feedback = useFeedback();
  const roots = useRoots();
  const tree = useOrgTree();
  const match = useMatch('/app/orgs/:id');
  const selectedId = match?.params.id && /^\d+$/.test(match.params.id) ? Number(match.params.id) : null;
  const { reveal, loadChildren, setExpandedKeys } = tree;

  // Open the top of the scope on first load (usually a single org: the user's own).
  const openedRoots = useRef(false);
  useEffect(() => {
    const top = roots.data?.items.filter((o) => o.childCount > 0).slice(0, 3) ?? [];
    if (top.length === 0 || openedRoots.current) return;
    openedRoots.current = true;
    Promise.all(top.map((o) => loadChildren(o.id)))
      .then(() => setExpandedKeys((keys) => Array.from(new Set([...keys, ...top.map((o) => o.id)]))))
      .catch(feedback.error);
  }, [roots.data, loadChildren, setExpandedKeys]);

  useEffect(() => {
    if (selectedId === null || !roots.data) return;
    reveal(selectedId).catch(feedback.error);
  }, [selectedId, roots.data, reveal]);

  if (roots.isPending) return <PageSpinner />;
  if (roots.isError) return <ErrorState error={roots.error} onRetry={() => void roots.refetch()} />;
  const context: OrgsOutletContext = { tree, rootIds: roots.data.items.map((o) => o.id) };

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <OrgToolbar onImported={() => void tree.refresh(Object.keys(tree.children).map(Number))} />
      </Col>
      <Col xs={24} lg={9} xl={7}>
        <Card title={t('org.tree')} size="small" styles={{ body: { padding: 8 } }}>
          <OrgTree roots={roots.data.items} tree={tree} selectedId={selectedId} />
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={17}>
        <Outlet context={context} />
      </Col>
    </Row>
  );
}
