import { useState } from 'react';
import { Button, Card, Col, Form, Input, Result, Row, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { ReportFields } from './ReportFields';
import { REPORT_DEFAULTS, REPORT_FIELD_NAMES, useReport, type ReportValues } from './useReport';
import type { RequestItem } from './types';

/** /app/requests/hotline — 热线登记: an operator records a caller's request (channel hotline). */
export default function HotlinePage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportValues>();
  const report = useReport('hotline');
  const [created, setCreated] = useState<RequestItem | null>(null);

  const onFinish = async (v: ReportValues) => {
    try {
      const r = await report.send(v);
      setCreated(r);
      report.renew();
    } catch (err) {
      if (!applyFieldErrors(form, err, REPORT_FIELD_NAMES)) feedback.error(err);
    }
  };

  if (created) {
    return (
      <Card>
        <Result
          status="success"
          title={t('req.hotline.created', { id: created.id })}
          data-testid="hotline-created"
          extra={[
            <Button key="open" type="primary" onClick={() => navigate(`/app/requests/${created.id}`)} data-testid="hotline-open">
              {t('req.hotline.open')}
            </Button>,
            <Button key="again" onClick={() => { form.resetFields(); setCreated(null); }} data-testid="hotline-another">
              {t('req.hotline.another')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  // Without a point the server needs to know the area (a grid, community or street in scope).
  const areaRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, value: unknown) =>
      value || getFieldValue('location') ? Promise.resolve() : Promise.reject(new Error(t('req.hotline.areaRequired'))),
  });

  return (
    <Card title={t('req.hotline.title')} data-testid="hotline-page">
      <Typography.Paragraph type="secondary">{t('req.hotline.intro')}</Typography.Paragraph>
      <Form<ReportValues> form={form} layout="vertical" initialValues={REPORT_DEFAULTS} onFinish={(v) => void onFinish(v)} style={{ maxWidth: 760 }}>
        <Typography.Title level={5}>{t('req.hotline.caller')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('req.hotline.callerName')} rules={[{ max: 50 }]}>
              <Input maxLength={50} autoComplete="off" data-testid="hotline-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label={t('req.hotline.callerPhone')} rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('req.hotline.callerPhoneInvalid') }]}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="hotline-phone" />
            </Form.Item>
          </Col>
        </Row>
        <ReportFields capture={false} />
        <Form.Item name="orgId" label={t('req.hotline.area')} extra={t('req.hotline.areaHint')} dependencies={['location']} rules={[areaRule]}>
          <ScopeOrgPicker levels={['street', 'community', 'grid']} data-testid="hotline-area" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.pending} data-testid="hotline-submit">
          {t('req.submit')}
        </Button>
      </Form>
    </Card>
  );
}
