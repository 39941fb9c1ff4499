import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../lib/i18n';
import type { AuditFilters, AuditOutcome } from './types';

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(v: FormValues): AuditFilters {
  const trim = (s?: string) => s?.trim() || undefined;
  const [from, to] = v.range ?? [null, null];
  return {
    actor: trim(v.actor),
    action: trim(v.action),
    entityType: trim(v.entityType),
    outcome: v.outcome,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
}

export function AuditFilterBar({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  return (
    <Form<FormValues> form={form} name="auditFilter" layout="inline" onFinish={(v) => onChange(toFilters(v))} style={{ rowGap: 12 }}>
      <Form.Item name="actor">
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="action">
        <Input allowClear placeholder={t('audit.action')} style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="entityType">
        <Input allowClear placeholder={t('audit.entityType')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="outcome">
        <Select<AuditOutcome>
          allowClear
          placeholder={t('audit.allOutcomes')}
          style={{ width: 130 }}
          options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.query')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
