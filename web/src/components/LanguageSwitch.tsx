import { Segmented } from 'antd';
import { useLang, type Lang } from '../lib/i18n';

export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' | 'large' }) {
  const { lang, setLang, t } = useLang();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('lang.switch')}
      value={lang}
      onChange={(v) => setLang(v)}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
