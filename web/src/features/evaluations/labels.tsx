import { Tag } from 'antd';
import type { MessageKey } from '../../lib/i18n';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import type { CampaignStatus } from './types';

const COLOR: Record<CampaignStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', published: 'success' };
export function StatusTag({ status }: { status: CampaignStatus }) {
  const t = useT();
  return <Tag color={COLOR[status]}>{t(`ev.status.${status}` as MessageKey)}</Tag>;
}
export const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/** Whether the signed-in user holds the permission (the server decides; this only hides buttons). */
export function useCan(permission: string) {
  const s = useSession();
  return s.status === 'authenticated' && hasPermission(s.me, permission);
}
