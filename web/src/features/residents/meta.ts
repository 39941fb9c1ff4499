import { useLang } from '../../lib/i18n';
import { useResidentMeta } from './api';
import type { Label, ResidentMeta } from './types';

export type MetaKind = Exclude<keyof ResidentMeta, 'tags'> | 'tags';

/** Tag colors: age tags are computed (blue/geekblue), care tags warm, others neutral. */
const TAG_COLORS: Record<string, string> = {
  age60: 'blue',
  age80: 'geekblue',
  livingAlone: 'orange',
  emptyNester: 'orange',
  disabled: 'purple',
  subsistence: 'gold',
  extremePoverty: 'volcano',
  veteran: 'green',
  leftBehindChild: 'cyan',
  leftBehindElder: 'cyan',
  keyCare: 'red',
  seriousIllness: 'magenta',
  communityCorrection: 'default',
};

export function tagColor(tag: string): string {
  return TAG_COLORS[tag] ?? 'default';
}

/** Labels of the server's enums in the UI language, plus antd options for selects. */
export function useLabels() {
  const { lang } = useLang();
  const meta = useResidentMeta();
  const pick = (l: Label) => (lang === 'en' ? l.en : l.zh);
  const list = (kind: MetaKind): Label[] => (meta.data?.[kind] as Label[] | undefined) ?? [];
  return {
    meta,
    ready: !!meta.data,
    label: (kind: MetaKind, value: string | null | undefined): string => {
      if (value === null || value === undefined || value === '') return '—';
      const found = list(kind).find((l) => l.value === value);
      return found ? pick(found) : value;
    },
    options: (kind: MetaKind, filter?: (l: Label & { derived?: boolean }) => boolean) =>
      list(kind)
        .filter((l) => !filter || filter(l))
        .map((l) => ({ value: l.value, label: pick(l) })),
  };
}

export type Labels = ReturnType<typeof useLabels>;
