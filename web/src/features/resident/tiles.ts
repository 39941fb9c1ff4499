import type { ReactNode } from 'react';
import type { MessageKey } from '../../lib/i18n';

/** A tile on the resident's phone home (/m); features of later issues add their own. */
export interface ResidentTile {
  key: string;
  title: MessageKey;
  desc: MessageKey;
  icon: ReactNode;
  color: string;
  /** Where it leads; a tile without one is shown as coming soon. */
  to?: string;
  /** Shown only to residents holding this permission. */
  permission?: string;
}
