import { type Indicator, type PlanListItem, type Unit, UNIT_KINDS } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './form-parts.tsx';
import { ApiError } from '../../../api/client.ts';
import { indicatorKeys } from '../../../api/indicators.ts';
import {
  assignIndicatorUnits,
  createUnit,
  fetchUnits,
  unitKeys,
  updateUnit,
  type NewUnit,
} from '../../../api/units.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';

/** The unit directory (单位) and who leads each indicator (牵头单位 / 配合单位). */
export function UnitsPanel({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useQuery({ queryKey: unitKeys.list, queryFn: fetchUnits });
  const list = useIndicatorList(plan.id, undefined);
  const [adding, setAdding] = useState(false);
  const [onlyUnassigned, setOnlyUnassigned] = useState(false);
  const [form] = Form.useForm<NewUnit>();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: unitKeys.list });
    void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['todo'] });
  };
  const create = useMutation({
    mutationFn: createUnit,
    onSuccess: () => {
      setAdding(false);
      form.resetFields();
      refresh();
    },
    onError: (error) => {
      const field =
        error instanceof ApiError
          ? (['code', 'name', 'parentCode'] as const).find((f) => error.fieldMessage(f))
          : undefined;
      if (error instanceof ApiError && field)
        form.setFields([
          {
            name: field,
            errors: [error.code === 'unit_exists' ? t('units.codeTaken') : (error.fieldMessage(field) ?? '')],
          },
        ]);
      else message.error(errorText(error, t));
    },
  });
  const change = useMutation({
    mutationFn: (v: { code: string; patch: Parameters<typeof updateUnit>[1] }) => updateUnit(v.code, v.patch),
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error, t)),
  });
  const assign = useMutation({
    mutationFn: (v: { code: string; leadUnit: string | null; contributingUnits: string[] }) =>
      assignIndicatorUnits(plan.id, v.code, { leadUnit: v.leadUnit, contributingUnits: v.contributingUnits }),
    onSuccess: () => {
      message.success(t('app.saved'));
      refresh();
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  if (units.isError) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  const all = units.data ?? [];
  const name = new Map(all.map((u) => [u.code, u.name]));
  const options = all.map((u) => ({ value: u.code, label: u.name, disabled: !u.active }));
  const parents = all.filter((u) => u.kind === 'city_department').map((u) => ({ value: u.code, label: u.name }));

  const unitColumns: TableColumnsType<Unit> = [
    { key: 'name', title: t('units.name'), render: (_, u) => u.name },
    { key: 'code', title: t('units.code'), render: (_, u) => <code>{u.code}</code>, responsive: ['sm'] },
    {
      key: 'kind',
      title: t('units.kind'),
      render: (_, u) =>
        u.parentCode
          ? `${t(`units.kinds.${u.kind}`)} · ${name.get(u.parentCode) ?? u.parentCode}`
          : t(`units.kinds.${u.kind}`),
      responsive: ['md'],
    },
    {
      key: 'source',
      title: t('units.source'),
      render: (_, u) => (u.source === 'seed_default' ? <Tag>{t('units.seedDefault')}</Tag> : null),
      responsive: ['md'],
    },
    {
      key: 'active',
      title: t('admin.active'),
      render: (_, u) => (
        <Switch
          size="small"
          checked={u.active}
          onChange={(active) => change.mutate({ code: u.code, patch: { active } })}
        />
      ),
    },
  ];

  const indicators = (list.data ?? []).filter((i) => !onlyUnassigned || i.leadUnit === null);
  const indicatorColumns: TableColumnsType<Indicator> = [
    {
      key: 'name',
      title: t('units.indicator'),
      render: (_, i) => (
        <span>
          {i.name} {i.leadUnit === null && <Tag color="red">{t('units.unassigned')}</Tag>}
          {i.assignmentSource === 'seed_default' && <Tag>{t('units.seedDefault')}</Tag>}
        </span>
      ),
    },
    {
      key: 'lead',
      title: t('units.leadUnit'),
      render: (_, i) => (
        <Select<string | null>
          size="small"
          allowClear
          value={i.leadUnit}
          options={options}
          optionFilterProp="label"
          placeholder={t('units.pickLead')}
          onChange={(lead) =>
            assign.mutate({ code: i.code, leadUnit: lead ?? null, contributingUnits: i.contributingUnits })
          }
          style={{ minWidth: 150 }}
          data-testid={`lead-${i.code}`}
        />
      ),
    },
    {
      key: 'contributing',
      title: t('units.contributingUnits'),
      render: (_, i) => (
        <Select<string[]>
          size="small"
          mode="multiple"
          value={i.contributingUnits}
          options={options}
          optionFilterProp="label"
          onChange={(next) => assign.mutate({ code: i.code, leadUnit: i.leadUnit, contributingUnits: next })}
          style={{ minWidth: 150 }}
        />
      ),
      responsive: ['sm'],
    },
  ];

  return (
    <div className="units-panel">
      <Typography.Title level={5}>{t('units.directory')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('units.directoryHint')}</Typography.Paragraph>
      <Button type="primary" onClick={() => setAdding(true)} className="panel-action" data-testid="add-unit">
        {t('units.add')}
      </Button>
      <Table<Unit>
        rowKey="code"
        size="small"
        loading={units.isPending}
        columns={unitColumns}
        dataSource={all}
        pagination={false}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('units.assignments')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('units.assignmentsHint')}</Typography.Paragraph>
      <label className="switch-label">
        <Switch size="small" checked={onlyUnassigned} onChange={setOnlyUnassigned} data-testid="only-unassigned" />{' '}
        {t('units.onlyUnassigned')}
      </label>
      <Table<Indicator>
        rowKey="code"
        size="small"
        loading={list.isPending}
        columns={indicatorColumns}
        dataSource={indicators}
        pagination={false}
      />
      <FormModal<NewUnit>
        open={adding}
        title={t('units.add')}
        form={form}
        busy={create.isPending}
        onCancel={() => setAdding(false)}
        onFinish={(v) => create.mutate(v)}
        initialValues={{ kind: 'city_department', parentCode: null }}
      >
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, message: t('units.nameRequired') }]}>
          <Input autoComplete="off" data-testid="new-unit-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={t('units.codeHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('units.codeHint') }]}
        >
          <Input autoComplete="off" data-testid="new-unit-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`units.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentCode" label={t('units.parent')}>
          <Select allowClear options={parents} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
