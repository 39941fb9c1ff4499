import { useState } from 'react';
import { Alert, Button, Dropdown, Form, Input, Modal, Space } from 'antd';
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { exportResidents } from './api';
import type { ResidentFilter } from './types';

interface Props {
  filter: ResidentFilter;
  /** The user holds resident.reveal: offer the audited export with full values. */
  canReveal: boolean;
}

/** Masked Excel export of the current filter; "含明文导出" asks for a reason (audited). */
export function ExportResidentsButton({ filter, canReveal }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const run = async (reveal: boolean, reason?: string) => {
    setBusy(true);
    try {
      await exportResidents(filter, { reveal, reason });
      feedback.success(t('common.exported'));
      return true;
    } catch (err) {
      if (reveal) applyFieldErrors(form, err);
      feedback.error(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onRevealOk = async () => {
    const { reason } = await form.validateFields();
    if (await run(true, reason.trim())) {
      setOpen(false);
      form.resetFields();
    }
  };

  const main = (
    <Button icon={<DownloadOutlined />} loading={busy && !open} onClick={() => void run(false)} data-testid="resident-export">
      {t('common.exportExcel')}
    </Button>
  );

  if (!canReveal) return main;
  return (
    <>
      <Space.Compact>
        {main}
        <Dropdown
          menu={{
            items: [{ key: 'reveal', label: t('residents.export.reveal'), danger: true }],
            onClick: () => setOpen(true),
          }}
        >
          <Button icon={<DownOutlined />} aria-label={t('residents.export.more')} data-testid="resident-export-more" />
        </Dropdown>
      </Space.Compact>
      <Modal
        open={open}
        title={t('residents.export.revealTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void onRevealOk().catch(() => undefined)}
        confirmLoading={busy}
        okText={t('residents.export.revealOk')}
        okButtonProps={{ danger: true, 'data-testid': 'resident-export-ok' }}
        forceRender
      >
        <Alert type="warning" showIcon title={t('residents.export.revealNotice')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('user.revealReason')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="resident-export-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
