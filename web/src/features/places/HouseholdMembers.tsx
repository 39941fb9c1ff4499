import { Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import type { PlaceLabels } from './api';
import type { Member } from './types';

export function HouseholdMembers({ members, labels }: { members: Member[]; labels: PlaceLabels }) {
  const t = useT();
  const columns: TableColumnsType<Member> = [
    {
      title: t('places.member.name'),
      key: 'name',
      render: (_, m) => <Link to={`/app/residents/${m.id}`} data-testid={`member-${m.id}`}>{m.nameMasked}</Link>,
    },
    { title: t('places.member.relation'), dataIndex: 'relation', render: (v: string | null) => labels.label('relations', v) },
    { title: t('places.member.gender'), dataIndex: 'gender', render: (v: string) => labels.label('genders', v) },
    { title: t('places.member.age'), dataIndex: 'age', render: (v: number | null) => v ?? '—' },
    {
      title: t('places.member.tags'),
      dataIndex: 'tags',
      render: (tags: string[]) => (
        <Space size={[0, 4]} wrap>
          {tags.map((tag) => (
            <Tag key={tag} color={tag.startsWith('age') ? 'blue' : 'orange'}>{labels.label('tags', tag)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('places.member.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{labels.label('statuses', s)}</Tag>,
    },
  ];
  return (
    <Table<Member>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('places.member.empty') }}
      data-testid="household-members"
    />
  );
}
