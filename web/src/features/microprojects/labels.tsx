import { Tag } from 'antd';
import type { MessageKey, Params } from '../../lib/i18n';
import type { ProjectStatus, ProposalStatus, RoundResult, RoundStatus } from './types';

export type T = (key: MessageKey, params?: Params) => string;

/** Exact yuan text of an amount in fen ("1,234.50"). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const a = Math.abs(fen);
  const whole = Math.floor(a / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}${whole}.${String(a % 100).padStart(2, '0')}`;
}
/** Fen from a yuan amount typed with at most two decimals. */
export const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

const PROPOSAL_COLOR: Record<ProposalStatus, string> = {
  submitted: 'blue', changesRequested: 'orange', approved: 'cyan', rejected: 'red', inRound: 'purple', won: 'green', lost: 'default',
};
export const ProposalTag = ({ status, t }: { status: ProposalStatus; t: T }) => <Tag color={PROPOSAL_COLOR[status]} data-testid="proposal-status">{t(`mp.ps.${status}` as MessageKey)}</Tag>;
export const RoundTag = ({ status, t }: { status: RoundStatus; t: T }) => <Tag color={status === 'voting' ? 'purple' : 'default'}>{t(`mp.rs.${status}` as MessageKey)}</Tag>;
export const ProjectTag = ({ status, t }: { status: ProjectStatus; t: T }) => <Tag color={status === 'completed' ? 'green' : 'blue'}>{t(`mp.js.${status}` as MessageKey)}</Tag>;
export const reasonText = (t: T, r: RoundResult['reason']) => (r ? t(`mp.reason.${r}` as MessageKey) : '—');
