import { Button, Space, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { contentTypeOf, useUploadResidents } from './api';
import type { UploadResult } from './types';

const MAX_BYTES = 50 * 1024 * 1024; // server default (GONGZHI_IMPORT_UPLOAD_LIMIT); it answers 413 beyond its own limit

interface Props {
  orgId: number;
  orgName?: string;
  onUploaded: (res: UploadResult) => void;
  onBack: () => void;
}

/** Step 2: the .xlsx/.csv file, sent as the raw body; the server answers with a preview. */
export function StepUpload({ orgId, orgName, onUploaded, onBack }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const upload = useUploadResidents();

  const send = async (file: File) => {
    if (!contentTypeOf(file)) {
      feedback.error(new Error(t('imports.upload.badType')));
      return;
    }
    if (file.size > MAX_BYTES) {
      feedback.error(new Error(t('imports.upload.tooLarge', { mb: MAX_BYTES / 1024 / 1024 })));
      return;
    }
    try {
      onUploaded(await upload.mutateAsync({ orgId, file }));
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <div data-testid="import-upload">
      <Typography.Paragraph>{t('imports.upload.into', { org: orgName ?? `#${orgId}` })}</Typography.Paragraph>
      <Spin spinning={upload.isPending} description={t('imports.upload.reading')}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.upload.drop')}</p>
          <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
        </Upload.Dragger>
      </Spin>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>{t('imports.back')}</Button>
      </Space>
    </div>
  );
}
