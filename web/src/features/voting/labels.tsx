import { Tag } from 'antd';
import type { MessageKey, Params } from '../../lib/i18n';
import type { Vote, VoteStatus } from './types';

type T = (key: MessageKey, params?: Params) => string;
const COLORS: Record<VoteStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', published: 'success' };

export const StatusTag = ({ status, t }: { status: VoteStatus; t: T }) => <Tag color={COLORS[status]} data-testid="vote-status">{t(`vote.status.${status}`)}</Tag>;

/** "≥ 85/100 of the electorate; quorum 1/2" in words. */
export function ruleText(t: T, v: Pick<Vote, 'method' | 'quorum' | 'threshold' | 'minChoices' | 'maxChoices'>): string {
  const q = v.quorum.num === 0 ? t('vote.rule.noQuorum') : t('vote.rule.quorum', { n: v.quorum.num, d: v.quorum.den });
  if (v.method === 'choice') return `${t('vote.rule.choice', { min: v.minChoices, max: v.maxChoices })}；${q}`;
  return `${t('vote.rule.threshold', { n: v.threshold.num, d: v.threshold.den, of: t(`vote.of.${v.threshold.of}`) })}；${q}`;
}

export const optionLabel = (v: Pick<Vote, 'options'>, key: string, t: T) => {
  const o = v.options.find((x) => x.key === key);
  return ['approve', 'reject', 'abstain'].includes(key) ? t(`vote.yn.${key}` as MessageKey) : o?.label ?? key;
};

export const electorateText = (t: T, v: Pick<Vote, 'electorate'>) => t(`vote.el.${v.electorate.kind}`);
export const permille = (n: number) => `${(n / 10).toFixed(1)}%`;
