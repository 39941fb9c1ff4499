import { Alert, Button, Descriptions, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCommitImport } from './api';
import type { ImportJob, ImportPreview, PreviewRow } from './types';

const VALUE_KEYS = [
  'name', 'gender', 'birthYear', 'idType', 'idNumber', 'phone', 'ethnicity', 'politicalStatus', 'registrationType',
  'arrivalDate', 'address', 'relation', 'area', 'tenure', 'tags', 'org',
] as const;

interface Props {
  job: ImportJob;
  preview: ImportPreview;
  onCommitted: (job: ImportJob) => void;
  onBack: () => void;
}

/** Step 3: what the server read — columns recognised, the first rows, valid/invalid counts, first errors. */
export function StepPreview({ job, preview, onCommitted, onBack }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const commit = useCommitImport();
  const mapped = preview.columns.filter((c) => c.field);
  const ignored = preview.columns.filter((c) => !c.field);
  // The parsed values (not the file's columns: room/estate/… become one masked address).
  const shown = VALUE_KEYS.filter((k) => k === 'name' || k === 'idNumber' || preview.rows.some((r) => r.values?.[k]));

  const columns: TableColumnsType<PreviewRow> = [
    { title: t('imports.preview.rowNo'), dataIndex: 'rowNo', fixed: 'left', width: 64 },
    ...shown.map((k) => ({
      title: t(`imports.value.${k}`),
      key: k,
      render: (_: unknown, r: PreviewRow) => r.values?.[k] ?? '',
    })),
    {
      title: t('imports.preview.errors'),
      key: 'errors',
      fixed: 'right' as const,
      render: (_: unknown, r: PreviewRow) =>
        r.errors.length ? <Typography.Text type="danger">{r.errors.join('；')}</Typography.Text> : <Tag color="green">{t('imports.preview.ok')}</Tag>,
    },
  ];

  const onCommit = async () => {
    try {
      onCommitted(await commit.mutateAsync(job.id));
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <div data-testid="import-preview">
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('imports.preview.total')} value={preview.totalRows} />
        <Statistic title={t('imports.preview.valid')} value={preview.validRows} styles={{ content: { color: '#389e0d' } }} />
        <Statistic title={t('imports.preview.invalid')} value={preview.invalidRows} styles={{ content: { color: preview.invalidRows ? '#cf1322' : undefined } }} />
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('imports.preview.file')}>{job.filename}</Descriptions.Item>
        <Descriptions.Item label={t('imports.preview.format')}>
          {preview.format.toUpperCase()}
          {preview.encoding ? ` · ${preview.encoding}` : ''}
          {preview.sheet ? ` · ${preview.sheet}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.preview.headerRow')}>{preview.headerRow}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginBottom: 12 }} data-testid="import-columns">
        <Typography.Text strong>{t('imports.preview.columns')}</Typography.Text>{' '}
        <Space size={[4, 4]} wrap>
          {mapped.map((c) => (
            <Tag key={c.header} color="blue">
              {c.header}
              {c.fieldLabel && c.fieldLabel !== c.header ? ` → ${c.fieldLabel}` : ''}
            </Tag>
          ))}
          {ignored.map((c) => (
            <Tag key={c.header} title={t('imports.preview.ignored')}>
              <Typography.Text delete type="secondary">{c.header}</Typography.Text>
            </Tag>
          ))}
        </Space>
      </div>
      <Table<PreviewRow>
        rowKey="rowNo"
        size="small"
        columns={columns}
        dataSource={preview.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ style: r.errors.length ? { background: '#fff1f0' } : undefined })}
        title={() => t('imports.preview.firstRows', { count: preview.rows.length })}
        data-testid="import-preview-table"
      />
      {preview.errors.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={t('imports.preview.errorsTitle', { count: preview.invalidRows })}
          description={
            <ul style={{ maxHeight: 240, overflow: 'auto', margin: 0, paddingInlineStart: 20 }} data-testid="import-preview-errors">
              {preview.errors.map((e) => (
                <li key={e.rowNo}>
                  {t('imports.preview.errorRow', { row: e.rowNo })}：{e.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Space style={{ marginTop: 16 }} wrap>
        <Button onClick={onBack}>{t('imports.reupload')}</Button>
        {job.actions.includes('commit') && (
          <Button type="primary" loading={commit.isPending} disabled={preview.validRows === 0} onClick={() => void onCommit()} data-testid="import-commit">
            {t('imports.commit', { count: preview.validRows })}
          </Button>
        )}
        {preview.invalidRows > 0 && <Typography.Text type="secondary">{t('imports.preview.rejectedNote')}</Typography.Text>}
      </Space>
    </div>
  );
}
