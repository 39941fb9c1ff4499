import { useEffect, useState } from 'react';
import { Button, Space } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';

const HIDE_AFTER_MS = 60_000;

/** Keeps the first `head` and last 4 characters visible. */
function mask(v: string, head: number): string {
  if (v.length <= head + 4) return v.replace(/.(?=.{2})/g, '*');
  return v.slice(0, head) + '*'.repeat(v.length - head - 4) + v.slice(-4);
}

/**
 * One's own ID number or phone: the server sends it in full (it is theirs), but the phone
 * shows it partly hidden until tapped, against shoulder-surfing; hidden again after a minute.
 */
export function SensitiveValue({ value, head, testId }: { value: string | null; head: number; testId: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(false), HIDE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  if (!value) return <>—</>;
  return (
    <Space size={4}>
      <span data-testid={testId}>{shown ? value : mask(value, head)}</span>
      <Button
        type="link"
        size="small"
        icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        onClick={() => setShown((s) => !s)}
        aria-label={t(shown ? 'me.hide' : 'me.show')}
        data-testid={`${testId}-toggle`}
      />
    </Space>
  );
}
