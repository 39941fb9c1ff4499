import { Card } from 'antd';
import { useT } from '../../lib/i18n';
import { ProjectsTable } from './BudgetDetailPage';

/** /app/micro-projects: every project in scope with spending and milestones, searchable, with the project and spending exports. */
export default function ProjectsPage() {
  const t = useT();
  return <Card title={t('mp.nav.projects')} data-testid="micro-projects-page"><ProjectsTable /></Card>;
}
