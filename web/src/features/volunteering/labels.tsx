import { Tag } from 'antd';
import { StarFilled } from '@ant-design/icons';
import type { MessageKey, Params } from '../../lib/i18n';
import type { Activity, ActivityKind, ActivityStatus, SignupStatus } from './types';

type T = (key: MessageKey, params?: Params) => string;

const KIND_COLOR: Record<ActivityKind, string> = { volunteer: 'green', party: 'red', culture: 'blue' };
const STATUS_COLOR: Record<ActivityStatus, string> = { draft: 'default', published: 'processing', cancelled: 'error', finished: 'success' };
const SIGNUP_COLOR: Record<SignupStatus, string> = { signedUp: 'green', waiting: 'orange', cancelled: 'default' };

export const KindTag = ({ kind, t }: { kind: ActivityKind; t: T }) => <Tag color={KIND_COLOR[kind]}>{t(`vol.kind.${kind}`)}</Tag>;
export const StatusTag = ({ status, t }: { status: ActivityStatus; t: T }) => <Tag color={STATUS_COLOR[status]} data-testid="activity-status">{t(`vol.status.${status}`)}</Tag>;
export const SignupTag = ({ status, t }: { status: SignupStatus; t: T }) => <Tag color={SIGNUP_COLOR[status]}>{t(`vol.signup.${status}`)}</Tag>;

export const skillLabel = (t: T, s: string) => t(`vol.skill.${s}` as MessageKey);
export const skillList = (t: T, skills: string[]) => skills.map((s) => skillLabel(t, s)).join('、') || t('common.empty');

export function ruleText(t: T, a: Pick<Activity, 'pointRule' | 'pointsPerHour' | 'pointsFixed' | 'dayCap'>) {
  const rule = a.pointRule === 'perHour' ? t('vol.rule.perHour', { n: a.pointsPerHour }) : t('vol.rule.perActivity', { n: a.pointsFixed });
  return `${rule}，${t('vol.rule.cap', { n: a.dayCap })}`;
}

export function Stars({ level, t }: { level: number; t: T }) {
  if (level === 0) return <span>{t('vol.noStar')}</span>;
  return (
    <span aria-label={t('vol.stars', { n: level })} style={{ color: '#faad14' }}>
      {Array.from({ length: level }, (_, i) => <StarFilled key={i} />)}
    </span>
  );
}

/** Local time range of an activity, the end's date only when it differs. */
export function timeRange(startsAt: string, endsAt: string) {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const d = (x: Date) => `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
  const h = (x: Date) => `${String(x.getHours()).padStart(2, '0')}:${String(x.getMinutes()).padStart(2, '0')}`;
  return d(s) === d(e) ? `${d(s)} ${h(s)}–${h(e)}` : `${d(s)} ${h(s)} – ${d(e)} ${h(e)}`;
}
