import { Image, Space, Tag } from 'antd';
import { useT } from '../../lib/i18n';
import { STATUS_COLOR, statusLabel } from './labels';
import type { Status } from './types';

export function StatusTag({ status, testId }: { status: Status; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid={testId}>
      {statusLabel(t, status)}
    </Tag>
  );
}

/** 已超时 / 已升级督办; nothing while on time. */
export function OverdueTag({ level }: { level: number }) {
  const t = useT();
  if (level <= 0) return null;
  return (
    <Tag color={level >= 2 ? '#820014' : 'red'} data-testid="overdue-tag">
      {t(level >= 2 ? 'req.overdue.2' : 'req.overdue.1')}
    </Tag>
  );
}

export function RequestPhotos({ urls, size = 64 }: { urls: string[]; size?: number }) {
  if (!urls.length) return <span>—</span>;
  return (
    <Image.PreviewGroup>
      <Space size={6} wrap data-testid="request-photos">
        {urls.map((u) => (
          <Image key={u} src={u} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
