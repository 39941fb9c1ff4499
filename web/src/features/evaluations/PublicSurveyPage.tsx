import { useMutation } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { Result } from 'antd';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { api, ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { usePublicSurvey } from './api';
import { SurveyForm } from './SurveyForm';
import type { AnswerInput } from './types';

/** /s/:token: the survey behind a household's link, without logging in (mobile-first). */
export default function PublicSurveyPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const q = usePublicSurvey(token);
  const answer = useMutation({ mutationFn: (a: AnswerInput) => api.post(`/public/eval-surveys/${token}`, a) });
  return (
    <MobilePage title={q.data?.title ?? t('ev.m.survey')} testId="s-survey">
      {q.isPending ? <PageSpinner /> : q.isError ? (
        q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400)
          ? <Result status="404" title={t('ev.survey.badLink')} subTitle={t('ev.survey.badLinkHint')} />
          : <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : <SurveyForm survey={q.data} busy={answer.isPending} submit={(a) => answer.mutateAsync(a)} />}
    </MobilePage>
  );
}
