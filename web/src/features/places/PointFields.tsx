import { Col, Form, InputNumber, Row } from 'antd';
import { useT } from '../../lib/i18n';

/** Optional longitude/latitude pair: both or neither (the server says the same). */
export function PointFields({ hint }: { hint?: string }) {
  const t = useT();
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item
          name="lon"
          label={t('places.lon')}
          extra={hint}
          dependencies={['lat']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, v: number | null | undefined) => {
                const lat = getFieldValue('lat') as number | null | undefined;
                if ((v ?? null) === null && (lat ?? null) !== null) throw new Error(t('places.pointPair'));
              },
            }),
          ]}
        >
          <InputNumber<number> min={-180} max={180} step={0.000001} style={{ width: '100%' }} placeholder="103.xxxxxx" data-testid="point-lon" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="lat"
          label={t('places.lat')}
          dependencies={['lon']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, v: number | null | undefined) => {
                const lon = getFieldValue('lon') as number | null | undefined;
                if ((v ?? null) === null && (lon ?? null) !== null) throw new Error(t('places.pointPair'));
              },
            }),
          ]}
        >
          <InputNumber<number> min={-90} max={90} step={0.000001} style={{ width: '100%' }} placeholder="36.xxxxxx" data-testid="point-lat" />
        </Form.Item>
      </Col>
    </Row>
  );
}

export const orNull = (v: number | null | undefined) => (v === undefined || v === null ? null : v);
