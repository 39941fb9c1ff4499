import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';

/** 导出 Excel: downloads what `run` asks the server for (the current filters), busy while it does. */
export function ExportButton({ run, testId }: { run: () => Promise<void>; testId: string }) {
  const t = useT();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);

  const onClick = async () => {
    setBusy(true);
    try {
      await run();
      feedback.success(t('common.exported'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={t('gw.exportHint')}>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()} data-testid={testId}>
        {t('gw.export')}
      </Button>
    </Tooltip>
  );
}
