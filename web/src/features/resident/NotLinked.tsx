import { Result } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';

/** The account is not (yet) linked to a resident record: the community links it. */
export function NotLinked() {
  const t = useT();
  return (
    <Result
      icon={<TeamOutlined style={{ color: '#1f5fbf' }} />}
      title={t('me.notLinkedTitle')}
      subTitle={t('me.notLinkedDesc')}
      data-testid="me-not-linked"
    />
  );
}
