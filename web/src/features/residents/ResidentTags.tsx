import { Space, Tag } from 'antd';
import { tagColor, type Labels } from './meta';

export function ResidentTags({ tags, labels }: { tags: string[]; labels: Labels }) {
  if (tags.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color={tagColor(tag)} data-testid={`tag-${tag}`}>
          {labels.label('tags', tag)}
        </Tag>
      ))}
    </Space>
  );
}

export function StatusTag({ status, labels }: { status: string; labels: Labels }) {
  const color = status === 'active' ? 'green' : status === 'anonymized' ? 'default' : 'orange';
  return <Tag color={color}>{labels.label('statuses', status)}</Tag>;
}
