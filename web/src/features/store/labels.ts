import type { MessageKey, Params } from '../../lib/i18n';
import type { DonorKind, ItemKind, RedemptionStatus } from './types';

type T = (key: MessageKey, params?: Params) => string;
export const donorKindLabel = (t: T, k: DonorKind) => t(`store.donorKind.${k}`);
export const itemKindLabel = (t: T, k: ItemKind) => t(`store.itemKind.${k}`);
export const statusLabel = (t: T, s: RedemptionStatus) => t(`store.status.${s}`);
export const STATUS_COLORS: Record<RedemptionStatus, string> = { reserved: 'gold', completed: 'green', cancelled: 'default' };
/** A pickup code as it is read out at the counter: 1234 5678. */
export const spacedCode = (c: string) => `${c.slice(0, 4)} ${c.slice(4)}`;
