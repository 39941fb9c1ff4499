import { useState } from 'react';
import { Alert, Button, Card, Flex, Result, Slider, Typography } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import type { AnswerInput, Survey } from './types';

/** The household survey, phone-first: one card per evaluatee, a 0–100 slider per dimension; sent once. */
export function SurveyForm({ survey, submit, busy }: { survey: Survey; submit: (a: AnswerInput) => Promise<unknown>; busy: boolean }) {
  const t = useT();
  const feedback = useFeedback();
  const [vals, setVals] = useState<Record<string, number>>({});
  const [sent, setSent] = useState(false);
  if (survey.answered || sent) return <Result status="success" title={t('ev.survey.thanks')} subTitle={t('ev.survey.once')} data-testid="ev-survey-done" />;
  if (survey.status !== 'open') return <Alert type="info" showIcon message={t('ev.survey.closed')} />;
  const key = (e: number, d: number) => `${e}:${d}`;
  const missing = survey.evaluatees.some((e) => survey.dimensions.some((d) => vals[key(e.id, d.id)] === undefined));
  const send = () => submit({ answers: survey.evaluatees.map((e) => ({ evaluateeId: e.id, scores: survey.dimensions.map((d) => ({ dimensionId: d.id, score: vals[key(e.id, d.id)] })) })) })
    .then(() => setSent(true), feedback.error);
  return (
    <Flex vertical gap={12} data-testid="ev-survey">
      <Typography.Paragraph type="secondary">{t('ev.survey.intro', { place: survey.place })}</Typography.Paragraph>
      {survey.evaluatees.map((e) => (
        <Card key={e.id} size="small" title={e.name} data-testid={`ev-survey-e-${e.id}`}>
          {survey.dimensions.map((d) => (
            <div key={d.id} style={{ marginBottom: 8 }}>
              <Flex justify="space-between"><span>{d.name}</span><b data-testid={`ev-val-${e.id}-${d.position}`}>{vals[key(e.id, d.id)] ?? '—'}</b></Flex>
              <Slider min={0} max={100} value={vals[key(e.id, d.id)] ?? 80} onChange={(v) => setVals((x) => ({ ...x, [key(e.id, d.id)]: v }))} data-testid={`ev-slider-${e.id}-${d.position}`} />
              <Flex gap={4} wrap>
                {[100, 90, 80, 60, 40].map((v) => (
                  <Button key={v} size="small" type={vals[key(e.id, d.id)] === v ? 'primary' : 'default'} onClick={() => setVals((x) => ({ ...x, [key(e.id, d.id)]: v }))} data-testid={`ev-q-${e.id}-${d.position}-${v}`}>{v}</Button>
                ))}
              </Flex>
            </div>
          ))}
        </Card>
      ))}
      {missing && <Typography.Text type="secondary">{t('ev.survey.allNeeded')}</Typography.Text>}
      <Button type="primary" size="large" block disabled={missing} loading={busy} onClick={send} data-testid="ev-survey-submit">{t('ev.survey.submit')}</Button>
    </Flex>
  );
}
