import type { TablePaginationConfig } from 'antd';
import type { MessageKey, Params } from '../lib/i18n';

export interface PageState { page: number; pageSize: number }

/** The pagination every paged table uses: total line, size changer, back to page 1 when the size changes. */
export function pagination(
  t: (key: MessageKey, params?: Params) => string,
  current: PageState,
  total: number | undefined,
  set: (next: PageState) => void,
  extra: Partial<TablePaginationConfig> = {},
): TablePaginationConfig {
  return {
    current: current.page,
    pageSize: current.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (page, pageSize) => set({ page: pageSize !== current.pageSize ? 1 : page, pageSize }),
    ...extra,
  };
}
