import type { MessageKey, Params } from '../../lib/i18n';
import type { AccountKind, TxnKind } from './types';

type T = (key: MessageKey, params?: Params) => string;

export const accountKindLabel = (t: T, kind: AccountKind) => t(`points.account.${kind}`);
export const txnKindLabel = (t: T, kind: TxnKind) => t(`points.txn.${kind}`);

/** Tag colours of the movement kinds (money in green, redemption flows orange, corrections red). */
export const TXN_COLORS: Record<TxnKind, string> = {
  issue: 'blue', award: 'green', earn: 'green', hold: 'orange', settle: 'gold', release: 'cyan', donate: 'purple', reverse: 'red',
};

/** A signed amount as shown on statements: +12 / −5. */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
