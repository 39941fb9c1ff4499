import { Space, Tag, Tooltip } from 'antd';
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import type { Staffing } from './types';

/** 1+4+X summary of one grid; gaps (no grid worker, missing B backups) are red. */
export function StaffingSummary({ staffing, gridId }: { staffing: Staffing; gridId: number }) {
  const t = useT();
  const s = staffing;
  const workerGap = s.gridWorker.count !== 1;
  return (
    <Space size={4} wrap data-testid={`staffing-${gridId}`}>
      {s.complete ? (
        <Tag color="success" icon={<CheckCircleFilled />} data-testid="staffing-complete">
          {t('gw.staffing.complete')}
        </Tag>
      ) : (
        <Tag color="warning" icon={<WarningFilled />} data-testid="staffing-incomplete">
          {t('gw.staffing.incomplete')}
        </Tag>
      )}
      <Tooltip title={t('gw.staffing.ruleHint')}>
        <Tag color={workerGap ? 'error' : 'blue'} data-testid="staffing-worker">
          {t('gw.post.gridWorker')} {s.gridWorker.count}/{s.gridWorker.max ?? 1}
        </Tag>
      </Tooltip>
      <Tag color="blue">
        {t('gw.post.gridAssistant')} {s.gridAssistant.count}/{s.gridAssistant.max ?? 4}
      </Tag>
      <Tag color="blue">
        {t('gw.post.gridHelper')} {s.gridHelper.count}
      </Tag>
      {s.missingBackups > 0 && (
        <Tag color="error" data-testid="staffing-missing-backups">
          {t('gw.staffing.missingBackups', { n: s.missingBackups })}
        </Tag>
      )}
    </Space>
  );
}
