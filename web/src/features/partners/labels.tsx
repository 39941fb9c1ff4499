import { Tag } from 'antd';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** Label of an enumerated value: `partners.<group>.<value>`. */
export const label = (t: T, group: string, value: string) => t(`partners.${group}.${value}` as MessageKey);

export const options = (t: T, group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: label(t, group, v) }));

const COLORS: Record<string, string> = {
  pending: 'gold', active: 'green', left: 'default', inactive: 'default', ended: 'default', terminated: 'red',
  open: 'blue', claimed: 'orange', done: 'green', closed: 'default', in_progress: 'processing', withdrawn: 'default',
  excellent: 'magenta', good: 'green', pass: 'blue', fail: 'red',
};

export function StatusTag({ t, group, value }: { t: T; group: string; value: string }) {
  return <Tag color={COLORS[value]}>{label(t, group, value)}</Tag>;
}
