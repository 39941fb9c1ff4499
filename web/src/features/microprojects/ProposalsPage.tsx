import { Card } from 'antd';
import { useT } from '../../lib/i18n';
import { ProposalsTable } from './ProposalsTable';

/** /app/micro-proposals: every proposal in scope, to review and export with its votes and result. */
export default function ProposalsPage() {
  const t = useT();
  return <Card title={t('mp.nav.proposals')} data-testid="micro-proposals-page"><ProposalsTable /></Card>;
}
