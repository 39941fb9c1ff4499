import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useImportDivision } from './api';

/** sysAdmin only (permission org.import): loads official divisions via POST /orgs/import-division. */
export function ImportDivisionButton({ onImported }: { onImported: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const run = useImportDivision();

  const onOk = async () => {
    const { code } = await form.validateFields();
    try {
      const res = await run.mutateAsync(code.trim());
      feedback.success(t('org.importDone', { total: res.total, ms: res.ms }));
      setOpen(false);
      form.resetFields();
      onImported();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <>
      <Button icon={<CloudDownloadOutlined />} onClick={() => setOpen(true)}>
        {t('org.import')}
      </Button>
      <Modal
        open={open}
        title={t('org.import')}
        onCancel={() => setOpen(false)}
        onOk={() => void onOk().catch(() => undefined)}
        confirmLoading={run.isPending}
        forceRender
      >
        <Form form={form} name="importDivision" layout="vertical">
          <Form.Item
            name="code"
            label={t('org.importCode')}
            extra={t('org.importHint')}
            rules={[{ required: true, pattern: /^(\d{2}|\d{4}|\d{6}|all)$/ }]}
          >
            <Input maxLength={6} placeholder="330106" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
