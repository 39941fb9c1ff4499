import type { ReactNode } from 'react';
import { Button, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../lib/i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface Props {
  title: ReactNode;
  /** Where the back arrow goes; no arrow without it. */
  back?: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** Phone page frame for /w and /m: a sticky title bar with a back arrow, then the content. */
export function MobilePage({ title, back, extra, children, testId }: Props) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="gz-mobile" style={{ paddingTop: 0 }} data-testid={testId}>
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          margin: '0 -16px 12px',
          padding: '8px 12px',
          minHeight: 52,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {back && (
          <Button
            type="text"
            size="large"
            icon={<LeftOutlined />}
            aria-label={t('common.back')}
            onClick={() => navigate(back)}
            data-testid="mobile-back"
          />
        )}
        <Typography.Title level={5} style={{ margin: 0, flex: 1, minWidth: 0 }} ellipsis>
          {title}
        </Typography.Title>
        {extra}
        <LanguageSwitch />
      </div>
      {children}
    </div>
  );
}
