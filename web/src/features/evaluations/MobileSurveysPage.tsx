import { useState } from 'react';
import { Empty, List, Tag } from 'antd';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useMySurveys, useWrite } from './api';
import { SurveyForm } from './SurveyForm';
import type { AnswerInput } from './types';

/** /m/surveys: the satisfaction surveys my household was drawn for; answer each once. */
export default function MobileSurveysPage() {
  const t = useT();
  const q = useMySurveys();
  const [open, setOpen] = useState<number | null>(null);
  const answer = useWrite<AnswerInput & { id: number }>('post', (v) => `/eval-surveys/${v.id}/answer`, ({ id: _id, ...b }) => b);
  const current = q.data?.items.find((s) => s.sampleId === open);
  return (
    <MobilePage title={current ? current.title : t('ev.m.surveys')} back={current ? undefined : '/m'} testId="m-surveys"
      extra={current ? <a onClick={() => setOpen(null)}>{t('ev.back')}</a> : undefined}>
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : current ? (
        <SurveyForm survey={current} busy={answer.isPending} submit={(a) => answer.mutateAsync({ ...a, id: current.sampleId })} />
      ) : !q.data.items.length ? <Empty description={t('ev.m.noSurveys')} /> : (
        <List dataSource={q.data.items} renderItem={(s) => (
          <List.Item onClick={() => setOpen(s.sampleId)} style={{ cursor: 'pointer' }} data-testid={`m-survey-${s.sampleId}`}
            extra={s.answered ? <Tag color="success">{t('ev.answered')}</Tag> : s.status === 'open' ? <Tag color="processing">{t('ev.m.toAnswer')}</Tag> : <Tag>{t('ev.survey.closedShort')}</Tag>}>
            <List.Item.Meta title={s.title} description={`${s.periodStart} ~ ${s.periodEnd} · ${s.place}`} />
          </List.Item>
        )} />
      )}
    </MobilePage>
  );
}
