import { Empty, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { useT, type MessageKey } from '../../lib/i18n';
import { useResidentHistory } from './api';
import type { Labels } from './meta';

const KIND_COLORS: Record<string, string> = {
  create: 'green',
  import: 'green',
  update: 'blue',
  correction: 'blue',
  move: 'purple',
  deactivate: 'orange',
  reactivate: 'green',
  anonymize: 'gray',
};

const FIELD_KEYS = [
  'name', 'gender', 'birthDate', 'idType', 'idNumber', 'phone', 'ethnicity', 'politicalStatus', 'registrationType',
  'arrivalDate', 'household', 'householdId', 'relation', 'org', 'orgId', 'tags', 'note', 'status', 'account',
] as const;

interface Entry {
  key: string;
  at: string;
  color: string;
  node: React.ReactNode;
}

/** Changes of the record and its household memberships, newest first. */
export function ResidentHistory({ id, labels }: { id: number; labels: Labels }) {
  const t = useT();
  const query = useResidentHistory(id);
  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const fieldLabel = (f: string) =>
    (FIELD_KEYS as readonly string[]).includes(f) ? t(`residents.field.${f}` as MessageKey) : labels.label('correctionFields', f);
  const kindLabel = (k: string) => {
    const key = `residents.change.${k}` as MessageKey;
    const s = t(key);
    return s === key ? k : s;
  };

  const entries: Entry[] = [
    ...query.data.changes.map((c) => ({
      key: `c${c.id}`,
      at: c.at,
      color: KIND_COLORS[c.kind] ?? 'blue',
      node: (
        <>
          <Typography.Text strong>{kindLabel(c.kind)}</Typography.Text>
          <Typography.Text type="secondary">{` · ${formatDateTime(c.at)} · ${c.actorName ?? t('residents.history.system')}`}</Typography.Text>
          {c.fields.length > 0 && (
            <div>
              {c.fields.map((f) => (
                <Tag key={f}>{fieldLabel(f)}</Tag>
              ))}
            </div>
          )}
          {c.reason && <div>{t('residents.history.reason', { reason: c.reason })}</div>}
        </>
      ),
    })),
    ...query.data.memberships.map((m) => ({
      key: `m${m.id}`,
      at: m.startedAt,
      color: m.endedAt ? 'gray' : 'green',
      node: (
        <>
          <Typography.Text strong>{t('residents.history.membership')}</Typography.Text>{' '}
          {m.place ? <Link to={`/app/places/households/${m.householdId}`}>{m.place}</Link> : t('residents.history.outOfScope')}
          {m.relation && <Typography.Text type="secondary">{` · ${labels.label('relations', m.relation)}`}</Typography.Text>}
          <div>
            <Typography.Text type="secondary">
              {formatDateTime(m.startedAt)} — {m.endedAt ? formatDateTime(m.endedAt) : t('residents.history.current')}
            </Typography.Text>
          </div>
        </>
      ),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  if (entries.length === 0) return <Empty description={t('common.noData')} />;
  return (
    <Timeline
      data-testid="resident-history"
      items={entries.map((e) => ({ key: e.key, color: e.color, content: e.node }))}
    />
  );
}
