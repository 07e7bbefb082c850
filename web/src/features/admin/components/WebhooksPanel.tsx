import { type Webhook, type WebhookDelivery, WEBHOOK_FORMATS } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './form-parts.tsx';
import { ApiError } from '../../../api/client.ts';
import {
  createWebhook,
  fetchDeliveries,
  fetchWebhooks,
  notificationKeys,
  testWebhook,
  updateWebhook,
} from '../../../api/notifications.ts';
import { fetchUnits, unitKeys } from '../../../api/units.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import { formatDateTime } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';
import { zhCN } from '../../../i18n/zh-CN.ts';

interface WebhookForm {
  name: string;
  url: string;
  format: Webhook['format'];
  unitCode: string | null;
}

const STATE_COLOURS: Record<WebhookDelivery['state'], string> = { pending: 'blue', delivered: 'green', failed: 'red' };

/** Outgoing webhooks (企业微信 / 钉钉 group robots, plain JSON), global or per unit, with their delivery log. */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: notificationKeys.webhooks, queryFn: fetchWebhooks });
  const units = useQuery({ queryKey: unitKeys.list, queryFn: fetchUnits });
  const [adding, setAdding] = useState(false);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [form] = Form.useForm<WebhookForm>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.webhooks });
  const create = useMutation({
    mutationFn: (v: WebhookForm) => createWebhook({ ...v, unitCode: v.unitCode ?? null }),
    onSuccess: () => {
      setAdding(false);
      form.resetFields();
      refresh();
    },
    onError: (error) => {
      const field =
        error instanceof ApiError
          ? (['name', 'url', 'unitCode'] as const).find((f) => error.fieldMessage(f))
          : undefined;
      if (field)
        form.setFields([{ name: field, errors: [field === 'url' ? t('webhooks.urlInvalid') : errorText(error, t)] }]);
      else message.error(errorText(error, t));
    },
  });
  const change = useMutation({
    mutationFn: (v: { id: number; active: boolean }) => updateWebhook(v.id, { active: v.active }),
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error, t)),
  });
  const test = useMutation({
    mutationFn: testWebhook,
    onSuccess: () => message.success(t('webhooks.testSent')),
    onError: (error) => message.error(errorText(error, t)),
  });

  if (hooks.isError) return <LoadError error={hooks.error} onRetry={() => void hooks.refetch()} />;
  const unitName = new Map((units.data ?? []).map((u) => [u.code, u.name]));
  const columns: TableColumnsType<Webhook> = [
    { key: 'name', title: t('webhooks.name'), render: (_, w) => w.name },
    { key: 'format', title: t('webhooks.format'), render: (_, w) => t(`webhooks.formats.${w.format}`) },
    {
      key: 'scope',
      title: t('webhooks.scope'),
      render: (_, w) => (w.unitCode ? (unitName.get(w.unitCode) ?? w.unitCode) : t('webhooks.global')),
      responsive: ['sm'],
    },
    {
      key: 'active',
      title: t('admin.active'),
      render: (_, w) => (
        <Switch size="small" checked={w.active} onChange={(active) => change.mutate({ id: w.id, active })} />
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, w) => (
        <span className="row-actions">
          <Button size="small" onClick={() => test.mutate(w.id)}>
            {t('webhooks.test')}
          </Button>
          <Button size="small" type="link" onClick={() => setLogOf(w)}>
            {t('webhooks.log')}
          </Button>
        </span>
      ),
    },
  ];
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('webhooks.hint')}</Typography.Paragraph>
      <Button type="primary" onClick={() => setAdding(true)} className="panel-action">
        {t('webhooks.add')}
      </Button>
      <Table<Webhook>
        rowKey="id"
        size="small"
        loading={hooks.isPending}
        columns={columns}
        dataSource={hooks.data ?? []}
        pagination={false}
        scroll={{ x: 480 }}
      />
      <FormModal<WebhookForm>
        open={adding}
        title={t('webhooks.add')}
        form={form}
        busy={create.isPending}
        onCancel={() => setAdding(false)}
        onFinish={(v) => create.mutate(v)}
        initialValues={{ format: 'wecom', unitCode: null }}
      >
        <Form.Item
          name="name"
          label={t('webhooks.name')}
          rules={[{ required: true, message: t('webhooks.nameRequired') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true, message: t('webhooks.urlInvalid') }]}>
          <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
        </Form.Item>
        <Form.Item name="format" label={t('webhooks.format')}>
          <Select options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: t(`webhooks.formats.${f}`) }))} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('webhooks.scope')} extra={t('webhooks.scopeHint')}>
          <Select
            allowClear
            placeholder={t('webhooks.global')}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
        </Form.Item>
      </FormModal>
      <Drawer
        open={logOf !== null}
        onClose={() => setLogOf(null)}
        title={logOf ? t('webhooks.logOf', { name: logOf.name }) : ''}
        size="large"
      >
        {logOf && <DeliveryLog id={logOf.id} />}
      </Drawer>
    </div>
  );
}

function DeliveryLog({ id }: { id: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const eventLabel = (event: string) =>
    event in zhCN.webhooks.events ? t(`webhooks.events.${event as keyof typeof zhCN.webhooks.events}`) : event;
  const log = useQuery({
    queryKey: notificationKeys.deliveries(id),
    queryFn: () => fetchDeliveries(id),
    refetchInterval: 5_000,
  });
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  const columns: TableColumnsType<WebhookDelivery> = [
    { key: 'at', title: t('webhooks.at'), render: (_, d) => formatDateTime(d.createdAt, locale) },
    { key: 'event', title: t('webhooks.event'), render: (_, d) => eventLabel(d.event) },
    {
      key: 'state',
      title: t('webhooks.state'),
      render: (_, d) => <Tag color={STATE_COLOURS[d.state]}>{t(`webhooks.states.${d.state}`)}</Tag>,
    },
    { key: 'attempts', title: t('webhooks.attempts'), className: 'num', render: (_, d) => d.attempts },
    { key: 'status', title: t('webhooks.lastStatus'), render: (_, d) => d.lastStatus ?? d.lastError ?? '' },
  ];
  return (
    <Table<WebhookDelivery>
      rowKey="id"
      size="small"
      loading={log.isPending}
      columns={columns}
      dataSource={log.data ?? []}
      pagination={false}
    />
  );
}
