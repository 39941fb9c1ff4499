import { Space, Tag } from 'antd';
import { ORG_LEVELS, levelLabel, type OrgLevel } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useOrgStats } from './api';

/** Number of organizations of each level below `id` (GET /orgs/:id/stats). */
export function OrgStats({ id, level }: { id: number; level: OrgLevel }) {
  const t = useT();
  const stats = useOrgStats(id);
  if (!stats.data) return <>—</>;
  const entries = ORG_LEVELS.filter((l) => l !== level && (stats.data[l] ?? 0) > 0);
  if (entries.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {entries.map((l) => (
        <Tag key={l}>
          {levelLabel(t, l)} {stats.data[l]}
        </Tag>
      ))}
    </Space>
  );
}
