import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useFeedback } from '../lib/feedback';
import { useT } from '../lib/i18n';

interface Props {
  /** Asks the server for the file (the current filters); errors are shown as messages. */
  run: () => Promise<void>;
  testId: string;
  /** Button text (default 导出 Excel). */
  label?: string;
  hint?: string;
}

/** 导出 Excel: downloads what `run` asks the server for, busy while it does. */
export function ExportButton({ run, testId, label, hint }: Props) {
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

  const button = (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()} data-testid={testId}>
      {label ?? t('common.exportExcel')}
    </Button>
  );
  return hint ? <Tooltip title={hint}>{button}</Tooltip> : button;
}
