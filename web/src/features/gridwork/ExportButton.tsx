import { ExportButton as SharedExportButton } from '../../components/ExportButton';
import { useT } from '../../lib/i18n';

/** 导出 Excel with the grid-work hint (the shared button from components/). */
export function ExportButton({ run, testId }: { run: () => Promise<void>; testId: string }) {
  const t = useT();
  return <SharedExportButton run={run} testId={testId} label={t('gw.export')} hint={t('gw.exportHint')} />;
}
