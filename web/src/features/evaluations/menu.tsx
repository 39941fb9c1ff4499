import type { MenuProps } from 'antd';
import { AuditOutlined, ClusterOutlined, EditOutlined, LikeOutlined, StarOutlined, WarningOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The evaluations feature's entries in the console menu (keys are paths under /app). */
export function evaluationsMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  const out: NonNullable<MenuProps['items']> = [];
  if (hasPermission(me, PERMISSIONS.evaluationRead)) {
    out.push({ key: 'evaluations', icon: <AuditOutlined />, label: t('ev.nav') });
    out.push({ key: 'eval-rectifications', icon: <WarningOutlined />, label: t('ev.rect.nav') });
    out.push({ key: 'indicator-trees', icon: <ClusterOutlined />, label: t('ev.tree.nav') });
  }
  if (hasPermission(me, PERMISSIONS.evaluationScore)) out.push({ key: 'eval-scoring', icon: <EditOutlined />, label: t('ev.scoring.nav') });
  return out;
}

/** The evaluations feature's tiles on the resident's phone home. */
export const evaluationsTiles: ResidentTile[] = [
  { key: 'surveys', to: '/m/surveys', title: 'ev.m.surveys', desc: 'ev.m.surveysDesc', icon: <LikeOutlined />, color: '#1971c2', permission: PERMISSIONS.evaluationRespond },
  { key: 'evaluations', to: '/m/evaluations', title: 'ev.m.results', desc: 'ev.m.resultsDesc', icon: <StarOutlined />, color: '#e8590c' },
];
