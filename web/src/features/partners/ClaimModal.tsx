import { useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { usePaged, useWrite } from './api';
import type { PartnerUnit, PartyMember } from './types';

const ALL = { page: 1, pageSize: 200 };

/** A community worker records a claim on a need or post by an active member or unit. */
export function ClaimModal({ target, onClose }: { target?: { needId?: number; postId?: number; title: string }; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ who: 'member' | 'unit'; memberId?: number; unitId?: number; note?: string }>();
  const [who, setWho] = useState<'member' | 'unit'>('member');
  const [q, setQ] = useState<string>();
  const open = target !== undefined;
  const members = usePaged<PartyMember>('/party-members', { status: 'active', q }, ALL, open && who === 'member');
  const units = usePaged<PartnerUnit>('/partner-units', { q }, ALL, open && who === 'unit');
  const claim = useWrite<Record<string, unknown>>('post', () => '/partner-claims');
  const submit = useFormSubmit(form, async (v) => {
    await claim.mutateAsync({
      ...(target?.needId ? { needId: target.needId } : { postId: target?.postId }),
      ...(v.who === 'member' ? { memberId: v.memberId } : { unitId: v.unitId }),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });
    feedback.success(t('partners.claim.recorded'));
    onClose();
  });
  return (
    <Modal open={open} title={t('partners.claim.recordTitle', { title: target?.title ?? '' })} onOk={submit} onCancel={onClose} destroyOnHidden forceRender
      okButtonProps={{ 'data-testid': 'claim-form-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={{ who: 'member' }}>
        {!target?.postId && (
          <Form.Item name="who" label={t('partners.col.claimant')}>
            <Radio.Group onChange={(e) => setWho(e.target.value as 'member' | 'unit')} options={[
              { value: 'member', label: t('partners.subject.member') }, { value: 'unit', label: t('partners.subject.unit') },
            ]} />
          </Form.Item>
        )}
        {who === 'member' || target?.postId ? (
          <Form.Item name="memberId" label={t('partners.subject.member')} rules={[{ required: true, message: t('partners.required', { field: t('partners.subject.member') }) }]}>
            <Select showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim() || undefined) }} loading={members.isFetching} data-testid="claim-form-member"
              options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.workUnit}` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" label={t('partners.subject.unit')} rules={[{ required: true, message: t('partners.required', { field: t('partners.subject.unit') }) }]}>
            <Select showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim() || undefined) }} loading={units.isFetching} data-testid="claim-form-unit"
              options={(units.data?.items ?? []).filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('partners.col.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
