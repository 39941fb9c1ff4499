import { Form, Input, Select, Spin } from 'antd';
import { levelLabel } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useDispatchTargets } from './api';

/** 派单 / 改派: the unit to send the request to, from GET /requests/:id/dispatch-targets. */
export function HandlerField({ requestId }: { requestId: number }) {
  const t = useT();
  const query = useDispatchTargets(requestId, true);
  const options = (query.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${levelLabel(t, o.level)}）` }));
  return (
    <Form.Item name="handlerOrgId" label={t('req.m.handler')} rules={[{ required: true, message: t('req.m.handlerRequired') }]}>
      <Select<number>
        showSearch={{ optionFilterProp: 'label' }}
        options={options}
        loading={query.isFetching}
        notFoundContent={query.isFetching ? <Spin size="small" /> : query.isError ? t('error.loadFailed') : t('req.m.noTargets')}
        data-testid="action-handler"
      />
    </Form.Item>
  );
}

/** 吹哨: the departments (level 'department' among the dispatch targets) summoned to check in. */
export function DepartmentsField({ requestId }: { requestId: number }) {
  const t = useT();
  const query = useDispatchTargets(requestId, true);
  const options = (query.data?.items ?? []).filter((o) => o.level === 'department').map((o) => ({ value: o.id, label: o.name }));
  return (
    <Form.Item
      name="departmentIds"
      label={t('req.m.departments')}
      extra={t('req.m.departmentsHint')}
      rules={[{ required: true, type: 'array', min: 1, message: t('req.m.departmentsRequired') }, { type: 'array', max: 10 }]}
    >
      <Select<number[]>
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        options={options}
        loading={query.isFetching}
        notFoundContent={query.isFetching ? <Spin size="small" /> : query.isError ? t('error.loadFailed') : t('req.m.noDepartments')}
        data-testid="action-departments"
      />
    </Form.Item>
  );
}

/** A text field of an action dialog: optional note, or a required reason / resolution. */
export function TextField({ name, required }: { name: 'note' | 'reason' | 'resolution'; required: boolean }) {
  const t = useT();
  const max = name === 'resolution' ? 2000 : 1000;
  const label = t(name === 'note' ? 'req.m.note' : name === 'reason' ? 'req.m.reason' : 'req.m.resolution');
  const message = t(name === 'resolution' ? 'req.m.resolutionRequired' : 'req.m.reasonRequired');
  return (
    <Form.Item name={name} label={label} rules={[...(required ? [{ required: true, whitespace: true, message }] : []), { max }]}>
      <Input.TextArea rows={3} maxLength={max} showCount data-testid={`action-${name}`} />
    </Form.Item>
  );
}
