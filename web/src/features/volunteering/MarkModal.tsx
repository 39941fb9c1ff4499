import { DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { markAttendance, useActivityWrite } from './api';
import type { SheetRow } from './types';

/** 手工登记考勤: the organizer sets or corrects one volunteer's check-in and check-out times. */
export function MarkModal({ row, onClose }: { row: SheetRow | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ checkInAt: Dayjs | null; checkOutAt: Dayjs | null }>();
  const write = useActivityWrite((v: { id: number; checkInAt: string | null; checkOutAt: string | null }) => markAttendance(v.id, { checkInAt: v.checkInAt, checkOutAt: v.checkOutAt }));
  const submit = useFormSubmit(form, async (v) => {
    await write.mutateAsync({ id: row!.id, checkInAt: v.checkInAt ? v.checkInAt.toISOString() : null, checkOutAt: v.checkOutAt ? v.checkOutAt.toISOString() : null });
    feedback.success(t('vol.marked'));
    onClose();
  });
  return (
    <Modal open={row !== null} title={row ? t('vol.markTitle', { name: row.name }) : ''} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="mark-modal">
      {row && (
        <Form form={form} layout="vertical" initialValues={{ checkInAt: row.checkInAt ? dayjs(row.checkInAt) : null, checkOutAt: row.checkOutAt ? dayjs(row.checkOutAt) : null }}>
          <Form.Item name="checkInAt" label={t('vol.f.checkIn')}><DatePicker showTime={{ format: "HH:mm" }} needConfirm={false} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} data-testid="mark-in" /></Form.Item>
          <Form.Item name="checkOutAt" label={t('vol.f.checkOut')}><DatePicker showTime={{ format: "HH:mm" }} needConfirm={false} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} data-testid="mark-out" /></Form.Item>
        </Form>
      )}
    </Modal>
  );
}
