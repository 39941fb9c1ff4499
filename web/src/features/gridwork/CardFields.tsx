import { Form, Input } from 'antd';
import { PhotoUpload } from '../../components/PhotoUpload';
import { useT } from '../../lib/i18n';

/** 亮牌 card fields (photo, work phone, duties) for an antd Form; the photo lives in `cardPhoto`. */
export function CardFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="cardPhoto" label={t('gw.cardPhoto')} extra={t('gw.cardPhotoHint')}>
        <PhotoUpload max={1} testId="card-photo" />
      </Form.Item>
      <Form.Item
        name="cardPhone"
        label={t('gw.cardPhone')}
        extra={t('gw.cardPhoneHint')}
        rules={[{ pattern: /^[\d\s+\-转]{5,30}$/, message: t('gw.cardPhoneInvalid') }]}
      >
        <Input maxLength={30} inputMode="tel" data-testid="card-phone" />
      </Form.Item>
      <Form.Item name="cardDuties" label={t('gw.cardDuties')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('gw.cardDutiesPlaceholder')} data-testid="card-duties" />
      </Form.Item>
    </>
  );
}

export interface CardValues {
  cardPhoto?: { id: number; url: string }[];
  cardPhone?: string;
  cardDuties?: string;
}

/** Form values → API fields (empty strings become null). */
export function cardInput(v: CardValues) {
  return {
    cardPhotoId: v.cardPhoto?.[0]?.id ?? null,
    cardPhone: v.cardPhone?.trim() || null,
    cardDuties: v.cardDuties?.trim() || null,
  };
}

/** Server field names → form field names. */
export const CARD_RENAME = { cardPhotoId: 'cardPhoto' };
