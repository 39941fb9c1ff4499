import { useEffect, useState } from 'react';
import { Button, Empty, Input, List, Pagination, Typography } from 'antd';
import { EditOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/PageStates';
import { MobilePage } from '../../components/MobilePage';
import { useT } from '../../lib/i18n';
import { useHouseholds } from './api';

/** /w/households: the households of my grid (addresses masked), each with a visit shortcut. */
export default function HouseholdsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(text.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  const query = useHouseholds(q, page);

  return (
    <MobilePage title={t('wm.households')} back="/w" testId="wm-households">
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('wm.householdSearch')}
        style={{ marginBottom: 12 }}
        data-testid="wm-household-search"
      />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('common.total', { total: query.data?.total ?? 0 })}
          </Typography.Text>
          <List
            style={{ background: '#fff', borderRadius: 8, marginTop: 4 }}
            bordered
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('wm.householdNone')} /> }}
            data-testid="wm-household-list"
            renderItem={(h) => (
              <List.Item
                data-testid={`wm-household-${h.id}`}
                actions={[
                  <Button
                    key="visit"
                    type="primary"
                    ghost
                    icon={<EditOutlined />}
                    onClick={() => navigate(`/w/visits/new?householdId=${h.id}`)}
                    data-testid={`wm-household-${h.id}-visit`}
                  >
                    {t('wm.visitShort')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={h.addressMasked || h.place}
                  description={t('wm.householdMeta', { head: h.headNameMasked ? `${h.headNameMasked} · ` : '', org: h.orgName, n: h.memberCount, id: h.id })}
                />
              </List.Item>
            )}
          />
          {(query.data?.total ?? 0) > 20 && (
            <Pagination
              simple
              align="center"
              style={{ marginTop: 12 }}
              current={page}
              pageSize={20}
              total={query.data?.total ?? 0}
              onChange={setPage}
            />
          )}
        </>
      )}
    </MobilePage>
  );
}
