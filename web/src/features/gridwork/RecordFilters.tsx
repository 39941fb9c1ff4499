import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../lib/i18n';

interface Props {
  from?: string;
  to?: string;
  onChange: (range: { from?: string; to?: string }) => void;
}

/** A day range filter ('YYYY-MM-DD' both ends, either open). */
export function DayRangeFilter({ from, to, onChange }: Props) {
  const t = useT();
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      placeholder={[t('gw.from'), t('gw.to')]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(r) => onChange({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
    />
  );
}
