import { Card } from 'antd';
import { ExportButton } from '../../components/ExportButton';
import { useT } from '../../lib/i18n';
import { exportSpending } from './api';
import { ProjectsTable } from './BudgetDetailPage';

/** /app/micro-projects: every project in scope with spending and milestones; the spending export. */
export default function ProjectsPage() {
  const t = useT();
  return (
    <Card title={t('mp.nav.projects')} data-testid="micro-projects-page" extra={<ExportButton run={() => exportSpending({})} testId="spending-export" label={t('mp.exportSpending')} />}>
      <ProjectsTable />
    </Card>
  );
}
