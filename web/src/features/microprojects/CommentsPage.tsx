import { useState } from 'react';
import { Card, Checkbox, Table } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useComments } from './api';
import { ReplyButton } from './ReplyButton';
import type { Comment } from './types';

/** /app/micro-comments: residents' supervision comments on every project in scope, the unanswered first to hand. */
export default function CommentsPage() {
  const t = useT();
  const [unanswered, setUnanswered] = useState(true);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useComments({ unanswered: unanswered || undefined, ...page });
  return (
    <Card title={t('mp.nav.comments')} data-testid="micro-comments-page"
      extra={<Checkbox checked={unanswered} onChange={(e) => { setUnanswered(e.target.checked); setPage({ ...page, page: 1 }); }}>{t('mp.unanswered')}</Checkbox>}>
      {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Comment> rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} locale={{ emptyText: t('mp.empty.comments') }}
          pagination={pagination(t, page, q.data?.total, setPage)}
          columns={[
            { title: t('mp.f.project'), key: 'p', render: (_, c) => <Link to={`/app/micro-projects/${c.projectId}`}>{c.projectTitle}</Link> },
            { title: t('mp.f.author'), dataIndex: 'authorName', width: 100 },
            { title: t('mp.f.comment'), dataIndex: 'body' },
            { title: t('mp.reply'), dataIndex: 'reply', render: (v: string | null) => v ?? '—' },
            { title: t('mp.f.time'), key: 'tm', render: (_, c) => formatDateTime(c.createdAt), width: 170 },
            { title: t('common.actions'), key: 'a', render: (_, c) => <ReplyButton c={c} /> },
          ]} />
      )}
    </Card>
  );
}
