import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorState, NotFound, PageSpinner } from '../../components/PageStates';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useResident, type StatusAction } from './api';
import { AccountModal } from './AccountModal';
import { useLabels } from './meta';
import { MoveModal } from './MoveModal';
import { ResidentFormDrawer } from './ResidentFormDrawer';
import { ResidentHistory } from './ResidentHistory';
import { ResidentInfo } from './ResidentInfo';
import { StatusTag } from './ResidentTags';
import { StatusModal } from './StatusModal';

type Dialog = { kind: 'edit' } | { kind: 'move' } | { kind: 'account' } | { kind: 'status'; action: StatusAction } | null;

export default function ResidentDetail() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const labels = useLabels();
  const query = useResident(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (query.isPending || labels.meta.isPending) return <PageSpinner />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const r = query.data;
  const can = (a: string) => r.actions.includes(a);
  const statusButton = (action: StatusAction, danger = true) =>
    can(action) && (
      <Button danger={danger} onClick={() => setDialog({ kind: 'status', action })} data-testid={`resident-${action}`}>
        {t(`residents.${action}`)}
      </Button>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/app/residents')} aria-label={t('common.back')} />
            <Typography.Text strong data-testid="resident-title">{r.nameMasked}</Typography.Text>
            <StatusTag status={r.status} labels={labels} />
          </Space>
        }
        extra={
          <Space wrap>
            {can('update') && (
              <Button type="primary" onClick={() => setDialog({ kind: 'edit' })} data-testid="resident-edit">
                {t('common.edit')}
              </Button>
            )}
            {can('move') && (
              <Button onClick={() => setDialog({ kind: 'move' })} data-testid="resident-move">
                {t('residents.move')}
              </Button>
            )}
            {can('open_account') && (
              <Button onClick={() => setDialog({ kind: 'account' })} data-testid="resident-account">
                {t('residents.account.open')}
              </Button>
            )}
            {statusButton('reactivate', false)}
            {statusButton('deactivate')}
            {statusButton('anonymize')}
          </Space>
        }
      >
        <ResidentInfo resident={r} labels={labels} />
      </Card>
      <Card title={t('residents.history.title')}>
        <ResidentHistory id={r.id} labels={labels} />
      </Card>
      {dialog?.kind === 'edit' && <ResidentFormDrawer resident={r} labels={labels} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'move' && <MoveModal resident={r} labels={labels} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'account' && <AccountModal resident={r} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'status' && <StatusModal resident={r} action={dialog.action} onClose={() => setDialog(null)} />}
    </Space>
  );
}
