import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Result, Typography } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { findByCode, useCompleteRedemption } from './api';
import { itemKindLabel, spacedCode } from './labels';
import type { Redemption } from './types';

/** /app/store/counter 柜台核销: type the resident's pickup code, check the redemption, hand it over. */
export default function CounterPage() {
  const t = useT();
  const feedback = useFeedback();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Redemption[]>();
  const [done, setDone] = useState<Redemption>();
  const [looking, setLooking] = useState(false);
  const complete = useCompleteRedemption();
  const clean = code.replace(/\D/g, '');

  const lookup = async () => {
    setDone(undefined);
    setLooking(true);
    try {
      setFound((await findByCode(clean)).items);
    } catch (err) {
      feedback.error(err);
    } finally {
      setLooking(false);
    }
  };
  const handOver = async (r: Redemption) => {
    try {
      setDone(await complete.mutateAsync({ id: r.id, pickupCode: clean }));
      setFound(undefined);
      setCode('');
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card data-testid="store-counter-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('store.counter.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('store.counter.hint')}</Typography.Paragraph>
      <Flex gap={8} style={{ maxWidth: 420, marginBottom: 16 }}>
        <Input size="large" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => clean.length === 8 && void lookup()} maxLength={9}
          placeholder={t('store.counter.codePh')} inputMode="numeric" style={{ fontSize: 22, letterSpacing: 3 }} data-testid="store-counter-code" />
        <Button size="large" type="primary" disabled={clean.length !== 8} loading={looking} onClick={() => void lookup()} data-testid="store-counter-find">{t('store.counter.find')}</Button>
      </Flex>
      {done && <Result status="success" title={t('store.counter.done')} subTitle={`${done.itemName} ×${done.quantity} · ${done.residentName}`} data-testid="store-counter-done" />}
      {found && found.length === 0 && <Empty description={t('store.counter.none')} data-testid="store-counter-none" />}
      {found?.map((r) => (
        <Card key={r.id} type="inner" style={{ maxWidth: 560, marginBottom: 12 }} data-testid={`store-counter-found-${r.id}`}>
          <Descriptions column={1} size="small" items={[
            { key: 'code', label: t('store.mine.code'), children: <Typography.Text strong style={{ fontSize: 18 }}>{spacedCode(clean)}</Typography.Text> },
            { key: 'item', label: t('store.col.name'), children: `${r.itemName}（${itemKindLabel(t, r.itemKind)}）×${r.quantity}` },
            { key: 'who', label: t('store.field.resident'), children: r.residentName },
            { key: 'points', label: t('store.col.points'), children: r.points },
            { key: 'store', label: t('store.field.store'), children: r.orgName },
            { key: 'at', label: t('store.col.createdAt'), children: formatDateTime(r.createdAt) },
            { key: 'due', label: t('store.col.due'), children: formatDateTime(r.dueAt) },
          ]} />
          <Alert type="info" showIcon title={t('store.counter.check')} style={{ margin: '12px 0' }} />
          <Button type="primary" size="large" block loading={complete.isPending} disabled={!r.actions.includes('complete')} onClick={() => void handOver(r)} data-testid="store-counter-handover">
            {t('store.counter.handOver')}
          </Button>
        </Card>
      ))}
    </Card>
  );
}
