import { useEffect, useState } from 'react';
import { AutoComplete, Button, Input, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ORG_LEVELS, levelLabel, type OrgLevel } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import { exportOrgs, useOrgSearch } from './api';
import { ImportDivisionButton } from './ImportDivisionButton';
import { useDebounced } from '../../lib/useDebounced';

/** Search box (results jump to the node), level filter and Excel export. */
export function OrgToolbar({ onImported }: { onImported: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [text, setText] = useState('');
  const [level, setLevel] = useState<OrgLevel | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const session = useSession();
  const canImport = session.status === 'authenticated' && hasPermission(session.me, 'org.import');
  const q = useDebounced(text.trim());
  const search = useOrgSearch({ q, level, page: 1, pageSize: 20 }, q.length > 0);

  useEffect(() => {
    if (search.error) feedback.error(search.error);
  }, [search.error]);

  const options =
    q.length > 0
      ? (search.data?.items ?? []).map((org) => ({
          value: String(org.id),
          label: (
            <div>
              <Space size={4}>
                <span>{org.name}</span>
                <Tag>{levelLabel(t, org.level)}</Tag>
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {org.code}
                </Typography.Text>
              </div>
            </div>
          ),
        }))
      : [];

  const onExport = async () => {
    setExporting(true);
    try {
      await exportOrgs({ q: text.trim() || undefined, level });
      feedback.success(t('common.exported'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap style={{ width: '100%' }}>
      <AutoComplete
        style={{ width: 320, maxWidth: '100%' }}
        value={text}
        options={options}
        onChange={setText}
        onSelect={(value: string) => {
          setText('');
          navigate(`/app/orgs/${value}`);
        }}
        notFoundContent={q && !search.isFetching ? t('org.searchEmpty') : null}
      >
        <Input.Search placeholder={t('org.search')} maxLength={50} allowClear loading={search.isFetching} data-testid="org-search" />
      </AutoComplete>
      <Select<OrgLevel>
        allowClear
        style={{ width: 150 }}
        placeholder={t('org.allLevels')}
        value={level}
        onChange={setLevel}
        options={ORG_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))}
      />
      <Button icon={<DownloadOutlined />} onClick={() => void onExport()} loading={exporting}>
        {t('common.exportExcel')}
      </Button>
      {canImport && <ImportDivisionButton onImported={onImported} />}
    </Space>
  );
}
