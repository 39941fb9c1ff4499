import { Button, Form } from 'antd';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { ReportFields } from './ReportFields';
import { REPORT_DEFAULTS, REPORT_FIELD_NAMES, useReport, type ReportValues } from './useReport';

/** /m/requests/new (随手拍, channel app) and /w/requests/new (a grid worker reports for residents, channel grid). */
export default function MobileReportPage({ area }: { area: 'm' | 'w' }) {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportValues>();
  const report = useReport(area === 'm' ? 'app' : 'grid');

  const onFinish = async (v: ReportValues) => {
    try {
      const created = await report.send(v);
      feedback.success(t('req.submitted', { id: created.id }));
      report.renew();
      navigate(`/${area}/requests/${created.id}`, { replace: true });
    } catch (err) {
      if (!applyFieldErrors(form, err, REPORT_FIELD_NAMES)) feedback.error(err);
    }
  };

  return (
    <MobilePage title={t(area === 'm' ? 'req.report.title' : 'req.report.gridTitle')} back={area === 'm' ? '/m' : '/w'} testId="report-page">
      <Form<ReportValues> form={form} layout="vertical" size="large" initialValues={REPORT_DEFAULTS} onFinish={(v) => void onFinish(v)}>
        <ReportFields anonymous={area === 'm'} />
        <Button type="primary" htmlType="submit" block size="large" loading={report.pending} data-testid="report-submit">
          {t('req.submit')}
        </Button>
      </Form>
    </MobilePage>
  );
}
