import { Tag } from 'antd';
import type { MessageKey } from '../../lib/i18n';
import type { TopicField, TopicStatus } from './types';

/** Labels and colours of the deliberation enums (keys in locales/parts/deliberation.ts). */
export const FIELDS: TopicField[] = ['sanitation', 'security', 'livelihood', 'environment', 'culture', 'property', 'traffic', 'other'];
export const STATUSES: TopicStatus[] = ['raised', 'accepted', 'deliberating', 'voting', 'adopted', 'rejected', 'implementing', 'done', 'closed', 'merged', 'declined'];
export const OWNER_KINDS = ['ownersCommittee', 'residentReps', 'partnerUnit', 'communityWorker', 'other'] as const;
export const MEMBER_KINDS = ['partyMember', 'buildingHead', 'residentRep', 'partnerUnit', 'other'] as const;

const STATUS_COLOR: Record<TopicStatus, string> = {
  raised: 'default', accepted: 'blue', deliberating: 'cyan', voting: 'purple', adopted: 'green', rejected: 'volcano',
  implementing: 'geekblue', done: 'success', closed: 'default', merged: 'default', declined: 'orange',
};

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
export const key = (prefix: string, v: string) => `delib.${prefix}.${v}` as MessageKey;
export const options = (t: T, prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(key(prefix, v)) }));

export function StatusTag({ status, t }: { status: TopicStatus; t: T }) {
  return <Tag color={STATUS_COLOR[status]} data-testid="delib-status">{t(key('status', status))}</Tag>;
}

/** "approve / reject / abstain" counts of a decision, or null for one recorded by hand. */
export function countsText(t: T, d: { eligible: number | null; cast: number | null; counts: Record<string, number> | null }) {
  if (!d.counts) return null;
  return t('delib.decision.counts', { eligible: d.eligible ?? 0, cast: d.cast ?? 0, approve: d.counts.approve ?? 0, reject: d.counts.reject ?? 0, abstain: d.counts.abstain ?? 0 });
}

export const fmtTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');
