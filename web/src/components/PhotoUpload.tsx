import { useRef, useState } from 'react';
import { Button, Image, Space, Spin } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { api } from '../lib/api';
import { useFeedback } from '../lib/feedback';
import { useT } from '../lib/i18n';
import { IMAGE_TYPES, MAX_UPLOAD_BYTES, shrinkImage } from '../lib/image';

export interface UploadedPhoto {
  id: number;
  url: string;
}

interface Props {
  value?: UploadedPhoto[];
  onChange?: (value: UploadedPhoto[]) => void;
  max?: number;
  /** Open the phone's rear camera directly (capture="environment"). */
  capture?: boolean;
  testId?: string;
  size?: number;
}

/**
 * Photo picker: each chosen image is shrunk on the device and uploaded at once as the raw
 * body of POST /attachments; the form keeps only the attachment ids and urls.
 */
export function PhotoUpload({ value = [], onChange, max = 9, capture = false, testId = 'photo-upload', size = 88 }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    const chosen = Array.from(files).slice(0, Math.max(0, max - value.length));
    let next = [...value];
    setBusy(chosen.length);
    for (const file of chosen) {
      try {
        if (!file.type.startsWith('image/')) throw new Error(t('photo.notImage'));
        const blob = await shrinkImage(file);
        if (!IMAGE_TYPES.includes(blob.type)) throw new Error(t('photo.notImage'));
        if (blob.size > MAX_UPLOAD_BYTES) throw new Error(t('photo.tooLarge'));
        const res = await api.upload<{ id: number; url: string }>('/attachments', blob, undefined, blob.type);
        next = [...next, { id: res.id, url: res.url }];
        onChange?.(next);
      } catch (err) {
        feedback.error(err);
      } finally {
        setBusy((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  };

  const box = { width: size, height: size, borderRadius: 8, objectFit: 'cover' as const };
  return (
    <Space wrap size={8} data-testid={testId}>
      <Image.PreviewGroup>
        {value.map((p) => (
          <div key={p.id} style={{ position: 'relative' }} data-testid={`${testId}-item`}>
            <Image src={p.url} width={size} height={size} style={box} alt="" />
            <Button
              size="small"
              shape="circle"
              danger
              icon={<CloseOutlined />}
              aria-label={t('photo.remove')}
              style={{ position: 'absolute', top: -6, right: -6 }}
              onClick={() => onChange?.(value.filter((x) => x.id !== p.id))}
            />
          </div>
        ))}
      </Image.PreviewGroup>
      {value.length < max && (
        <Button
          style={{ width: size, height: size, borderStyle: 'dashed', flexDirection: 'column' }}
          onClick={() => input.current?.click()}
          disabled={busy > 0}
          data-testid={`${testId}-add`}
        >
          {busy > 0 ? <Spin size="small" /> : <CameraOutlined style={{ fontSize: 22 }} />}
          <span style={{ fontSize: 12 }}>{busy > 0 ? t('photo.uploading') : t('photo.add')}</span>
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple={max - value.length > 1}
        {...(capture ? { capture: 'environment' as const } : {})}
        style={{ display: 'none' }}
        onChange={(e) => void onFiles(e.target.files)}
        data-testid={`${testId}-input`}
      />
    </Space>
  );
}
