import type { ColumnsType } from 'antd/es/table';
import { Rate, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { ClaimActions } from './ClaimActions';
import { label, options, StatusTag } from './labels';
import { PagedList } from './PagedList';
import { CLAIM_STATUSES, type Claim } from './types';

/** 认领记录: every claim in scope with its progress, result and residents' rating; Excel. */
export function ClaimsTab() {
  const t = useT();
  const columns: ColumnsType<Claim> = [
    { title: t('partners.col.target'), key: 'target', render: (_, c) => <>{c.targetTitle} <Typography.Text type="secondary">({label(t, 'target', c.target)})</Typography.Text></> },
    { title: t('partners.col.claimant'), key: 'claimant', render: (_, c) => <>{c.claimantName} <Typography.Text type="secondary">({t(c.claimant === 'member' ? 'partners.subject.member' : 'partners.subject.unit')})</Typography.Text></> },
    { title: t('partners.col.community'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('partners.col.status'), dataIndex: 'status', key: 'status', render: (v: string) => <StatusTag t={t} group="claimStatus" value={v} /> },
    { title: t('partners.col.result'), dataIndex: 'result', key: 'result', render: (v: string | null) => v ?? '—' },
    { title: t('partners.col.rating'), key: 'rating', render: (_, c) => (c.rating ? <Rate disabled value={c.rating} style={{ fontSize: 14 }} /> : '—') },
    { title: t('partners.col.claimedAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('common.actions'), key: 'a', render: (_, c) => <ClaimActions claim={c} /> },
  ];
  return (
    <PagedList<Claim>
      path="/partner-claims" exportPath="/partner-claims/export.xlsx" exportName={t('partners.file.claims')} columns={columns} testId="partner-claims" empty={t('partners.empty.claims')}
      filters={[
        { name: 'orgId', kind: 'org', placeholder: t('partners.filter.org') },
        { name: 'status', kind: 'select', placeholder: t('partners.col.status'), options: options(t, 'claimStatus', CLAIM_STATUSES) },
        { name: 'target', kind: 'select', placeholder: t('partners.col.target'), options: options(t, 'target', ['need', 'post']) },
        { name: 'claimant', kind: 'select', placeholder: t('partners.col.claimant'), options: [{ value: 'member', label: t('partners.subject.member') }, { value: 'unit', label: t('partners.subject.unit') }] },
      ]}
    />
  );
}
