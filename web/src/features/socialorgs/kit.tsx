import { useEffect, useRef, useState, type ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api, download, type Paged, type Query } from '../../lib/api';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination, type PageState } from '../../components/pagination';
import type { OrgLevel } from '../../lib/domain';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT, type MessageKey, type Params } from '../../lib/i18n';

/**
 * Building blocks of the three-society linkage consoles (social organizations and the
 * workforce): a query key per feature, a filtered paged table with its Excel export, and a
 * create/edit dialog built from a field list whose server field errors land on the fields.
 */
export type T = (key: MessageKey, params?: Params) => string;
export type Filter = Record<string, string | number | boolean | undefined>;

const clean = (f: Filter): Query => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));

export function useData<R>(root: string, path: string, query: Filter = {}, enabled = true) {
  return useQuery({ queryKey: [root, path, clean(query)], queryFn: () => api.get<R>(path, clean(query)), enabled, placeholderData: keepPreviousData });
}

/** A POST or PATCH that refreshes every query of the feature (`root`) when it succeeds. */
export function useSend<V = Record<string, unknown>>(root: string, method: 'post' | 'patch', path: (v: V) => string, body: (v: V) => unknown = (v) => v) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => (method === 'post' ? api.post(path(v), body(v)) : api.patch(path(v), body(v))),
    onSuccess: () => qc.invalidateQueries({ queryKey: [root] }),
  });
}

export const revealValue = (path: string, body: Record<string, unknown>) => api.post<{ value: string | null }>(path, body).then((r) => r.value ?? '');

/** Label of an enumerated value: `<prefix>.<group>.<value>`. */
export const enumLabel = (t: T, prefix: string, group: string, value: string) => t(`${prefix}.${group}.${value}` as MessageKey);
export const enumOptions = (t: T, prefix: string, group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: enumLabel(t, prefix, group, v) }));

export interface FilterSpec { name: string; kind: 'search' | 'select' | 'org'; placeholder: string; options?: { value: string | number | boolean; label: string }[] }

interface ListProps<R> {
  root: string; path: string; columns: ColumnsType<R>; filters: FilterSpec[]; fixed?: Filter;
  exportPath?: string; exportName?: string; toolbar?: ReactNode; testId: string; empty: string;
}

/** A filtered, paged table with its Excel export (the export takes the same filters). */
export function ListTable<R extends { id: number }>({ root, path, columns, filters, fixed, exportPath, exportName, toolbar, testId, empty }: ListProps<R>) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const all = { ...filter, ...fixed };
  const q = useData<Paged<R>>(root, path, { ...all, page: page.page, pageSize: page.pageSize });
  const change = (name: string, v: string | number | boolean | undefined) => {
    setFilter((f) => ({ ...f, [name]: v }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <Flex vertical gap={12} data-testid={testId}>
      <Flex gap={8} wrap>
        {filters.map((f) => (f.kind === 'search'
          ? <Input.Search key={f.name} allowClear maxLength={50} placeholder={f.placeholder} style={{ width: 220 }} onSearch={(v) => change(f.name, v.trim() || undefined)} data-testid={`${testId}-${f.name}`} />
          : f.kind === 'org'
            ? <ScopeOrgPicker key={f.name} value={filter[f.name] as number | undefined} onChange={(v) => change(f.name, v)} placeholder={f.placeholder} style={{ width: 220 }} />
            : <Select key={f.name} allowClear placeholder={f.placeholder} style={{ width: 150 }} value={filter[f.name] as string | undefined} options={f.options as { value: string; label: string }[]} onChange={(v) => change(f.name, v)} data-testid={`${testId}-${f.name}`} />))}
        <span style={{ flex: 1 }} />
        {toolbar}
        {exportPath && <ExportButton run={() => download(exportPath, clean(all), exportName ?? 'export.xlsx')} testId={`${testId}-export`} />}
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<R> rowKey="id" size="middle" loading={q.isFetching} columns={columns} dataSource={q.data?.items ?? []}
          pagination={pagination(t, page, q.data?.total, setPage)} locale={{ emptyText: <Empty description={empty} /> }} scroll={{ x: 'max-content' }} />
      )}
    </Flex>
  );
}

export interface Field {
  name: string; label: string; kind: 'text' | 'textarea' | 'select' | 'multiselect' | 'org' | 'date' | 'number';
  required?: boolean; max?: number; min?: number; step?: number; options?: { value: string | number; label: string }[]; levels?: readonly OrgLevel[];
  placeholder?: string; keepIfEmpty?: boolean;
}

function toBody(fields: Field[], values: Record<string, unknown>, editing: boolean) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = values[f.name];
    if (f.kind === 'date') v = v ? (v as Dayjs).format('YYYY-MM-DD') : null;
    if (typeof v === 'string') v = v.trim() === '' ? null : v.trim();
    if (v === undefined || (v === null && (!editing || f.keepIfEmpty))) continue;
    out[f.name] = v;
  }
  return out;
}

/** The required rule of a field: strings must not be blank; numbers and dates only present. */
function ruleOf(f: Field, message: string): Rule {
  if (f.kind === 'text' || f.kind === 'textarea') return { required: f.required, whitespace: true, message };
  return { required: f.required, message, validator: async (_, v) => { if (f.required && (v === undefined || v === null || v === '')) throw new Error(message); } };
}

interface FormProps {
  open: boolean; title: string; fields: Field[]; initial?: Record<string, unknown>;
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>; onClose: () => void; testId: string; savedText: string; requiredText: (field: string) => string;
}

/** Create/edit dialog from a field list; server field errors appear under their fields. */
export function FieldsModal({ open, title, fields, initial, onSubmit, onClose, testId, savedText, requiredText }: FormProps) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Record<string, unknown>>();
  // Reset only when the dialog opens: callers may rebuild `fields`/`initial` on every render.
  const latest = useRef({ fields, initial });
  latest.current = { fields, initial };
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const { fields: fs, initial: init } = latest.current;
    if (init) {
      const v: Record<string, unknown> = { ...init };
      for (const f of fs) if (f.kind === 'date' && typeof v[f.name] === 'string') v[f.name] = dayjs(v[f.name] as string);
      form.setFieldsValue(v);
    }
  }, [open, form]);
  const submit = useFormSubmit(form, async (values) => {
    await onSubmit(toBody(fields, values, initial !== undefined));
    feedback.success(savedText);
    onClose();
  });
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={submit} okText={t('common.save')} destroyOnHidden forceRender okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<string, string>}>
      <Form form={form} layout="vertical" data-testid={testId}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[ruleOf(f, requiredText(f.label))]}>
            {f.kind === 'text' ? <Input maxLength={f.max} placeholder={f.placeholder} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'textarea' ? <Input.TextArea rows={3} maxLength={f.max} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'select' || f.kind === 'multiselect' ? <Select mode={f.kind === 'multiselect' ? 'multiple' : undefined} options={f.options} allowClear={!f.required} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'org' ? <ScopeOrgPicker levels={f.levels} />
              : f.kind === 'date' ? <DatePicker style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />
              : <InputNumber min={f.min} max={f.max} step={f.step} style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** Picks an account of a role in the caller's scope (GET /users), by name or username. */
export function AccountPicker({ role, value, onChange, testId, placeholder }: { role: string; value?: number; onChange: (v: number | undefined) => void; testId: string; placeholder?: string }) {
  const [q, setQ] = useState('');
  const r = useData<Paged<{ id: number; username: string; displayName: string; orgName?: string }>>('accounts-pick', '/users', { role, q: q || undefined, pageSize: 20 });
  return (
    <Select showSearch allowClear filterOption={false} onSearch={setQ} value={value} onChange={onChange} style={{ width: 260 }} placeholder={placeholder} loading={r.isFetching}
      options={(r.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} data-testid={testId} />
  );
}
