import { Image, Space, Tag } from 'antd';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import type { Visit } from './types';

export function FollowUpTag({ visit }: { visit: Visit }) {
  const t = useT();
  if (!visit.followUp) return <Tag>{t('gw.visit.noFollowUp')}</Tag>;
  if (visit.followUpDoneAt)
    return (
      <Tag color="success" title={formatDateTime(visit.followUpDoneAt)}>
        {t('gw.visit.followUpDoneTag')}
      </Tag>
    );
  return <Tag color="warning">{t('gw.visit.followUpOpen')}</Tag>;
}

export function VisitPhotos({ urls, size = 40 }: { urls: string[]; size?: number }) {
  if (!urls.length) return <span>—</span>;
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap>
        {urls.map((u) => (
          <Image key={u} src={u} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} alt="" />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
