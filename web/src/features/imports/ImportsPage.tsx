import { useState } from 'react';
import { Card, Space, Steps } from 'antd';
import type { PickedOrg } from '../../components/ScopeOrgPicker';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCommitImport } from './api';
import { ImportHistory } from './ImportHistory';
import { StepOrg } from './StepOrg';
import { StepPreview } from './StepPreview';
import { StepRun } from './StepRun';
import { StepUpload } from './StepUpload';
import type { ImportJob, UploadResult } from './types';

type Step = 0 | 1 | 2 | 3;

/** Resident import wizard: org + template → upload → preview → run with progress; history below. */
export default function ImportsPage() {
  const t = useT();
  const feedback = useFeedback();
  const commit = useCommitImport();
  const [step, setStep] = useState<Step>(0);
  const [org, setOrg] = useState<{ id?: number; name?: string }>({});
  const [uploaded, setUploaded] = useState<UploadResult | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);

  const restart = () => {
    setUploaded(null);
    setJobId(null);
    setStep(org.id ? 1 : 0);
  };

  const openJob = async (job: ImportJob) => {
    try {
      const started = job.status === 'previewed' ? await commit.mutateAsync(job.id) : job;
      setUploaded(null);
      setJobId(started.id);
      setStep(3);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('nav.imports')}>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('imports.step.org') },
            { title: t('imports.step.upload') },
            { title: t('imports.step.preview') },
            { title: t('imports.step.run') },
          ]}
          data-testid="import-steps"
        />
        {step === 0 && (
          <StepOrg orgId={org.id} onPick={(id, o: PickedOrg | undefined) => setOrg({ id, name: o?.name })} onNext={() => setStep(1)} />
        )}
        {step === 1 && org.id && (
          <StepUpload
            orgId={org.id}
            orgName={org.name}
            onBack={() => setStep(0)}
            onUploaded={(res) => {
              setUploaded(res);
              setStep(2);
            }}
          />
        )}
        {step === 2 && uploaded && (
          <StepPreview
            job={uploaded.job}
            preview={uploaded.preview}
            onBack={() => setStep(1)}
            onCommitted={(job) => {
              setJobId(job.id);
              setStep(3);
            }}
          />
        )}
        {step === 3 && jobId && <StepRun jobId={jobId} onRestart={restart} />}
      </Card>
      <ImportHistory onOpen={(job) => void openJob(job)} />
    </Space>
  );
}
