import { TreeSelect } from 'antd';
import { useLang } from '../../lib/i18n';
import { useCategories } from './api';
import { categoryNodes } from './labels';
import type { Kind } from './types';

interface Props {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Categories that name their kinds and not this one cannot be chosen. */
  kind?: Kind;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
  testId?: string;
  size?: 'small' | 'middle' | 'large';
}

/** The category tree (GET /request-categories: the active ones this user may choose). */
export function CategoryPicker({ value, onChange, kind, placeholder, allowClear, id, style, testId, size }: Props) {
  const { t, lang } = useLang();
  const query = useCategories();
  const items = query.data?.items ?? [];
  const treeData = categoryNodes(items, lang, (c) => !!kind && c.kinds.length > 0 && !c.kinds.includes(kind));
  return (
    <TreeSelect<number>
      id={id}
      size={size}
      style={{ width: '100%', ...style }}
      treeDataSimpleMode
      treeData={treeData}
      treeDefaultExpandAll
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      loading={query.isFetching}
      placeholder={placeholder ?? t('req.f.categoryPlaceholder')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      notFoundContent={query.isError ? t('error.loadFailed') : t('common.noData')}
      data-testid={testId}
    />
  );
}
