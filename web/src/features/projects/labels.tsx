import { Tag } from 'antd';
import type { MessageKey, Params } from '../../lib/i18n';
import type { Status, Tranche } from './types';

type T = (key: MessageKey, params?: Params) => string;
const STATUS_COLOR: Record<Status, string> = {
  draft: 'default', submitted: 'gold', returned: 'orange', rejected: 'red', approved: 'blue', bidding: 'purple', evaluating: 'purple',
  implementing: 'cyan', accepted: 'green', closed: 'default',
};
export const StatusTag = ({ status, t }: { status: Status; t: T }) => <Tag color={STATUS_COLOR[status]} data-testid="project-status">{t(`proj.status.${status}`)}</Tag>;
const TRANCHE_COLOR: Record<Tranche['status'], string> = { requested: 'gold', approved: 'blue', paid: 'green', rejected: 'red' };
export const TrancheTag = ({ status, t }: { status: Tranche['status']; t: T }) => <Tag color={TRANCHE_COLOR[status]}>{t(`proj.tranche.${status}`)}</Tag>;
