import type { ReactNode } from 'react';
import { Empty, Pagination, Spin } from 'antd';

interface Props<T> {
  items: T[];
  rowKey: (item: T) => number;
  selectedKey?: number | null;
  onPick?: (item: T) => void;
  render: (item: T) => ReactNode;
  loading: boolean;
  empty: string;
  header?: ReactNode;
  testId?: string;
  rowTestId?: (item: T) => string;
  pagination?: { current: number; pageSize: number; total: number; onChange: (page: number) => void };
}

/** A compact selectable list (the estate and building columns of the places browser). */
export function PickList<T>(p: Props<T>) {
  return (
    <Spin spinning={p.loading}>
      <div data-testid={p.testId}>
        {p.header && <div style={{ padding: '6px 8px', borderBottom: '1px solid #f0f0f0' }}>{p.header}</div>}
        {p.items.length === 0 && !p.loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.empty} />}
        {p.items.map((item) => {
          const key = p.rowKey(item);
          const active = key === p.selectedKey;
          return (
            <div
              key={key}
              role={p.onPick ? 'button' : undefined}
              tabIndex={p.onPick ? 0 : undefined}
              onClick={() => p.onPick?.(item)}
              onKeyDown={(e) => {
                if (p.onPick && (e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
                  e.preventDefault();
                  p.onPick(item);
                }
              }}
              data-testid={p.rowTestId?.(item)}
              style={{
                padding: '8px',
                borderBottom: '1px solid #f0f0f0',
                cursor: p.onPick ? 'pointer' : undefined,
                background: active ? '#e6f4ff' : undefined,
                borderInlineStart: active ? '3px solid #1677ff' : '3px solid transparent',
              }}
            >
              {p.render(item)}
            </div>
          );
        })}
        {p.pagination && p.pagination.total > p.pagination.pageSize && (
          <Pagination simple size="small" style={{ marginTop: 8, textAlign: 'center' }} {...p.pagination} />
        )}
      </div>
    </Spin>
  );
}
