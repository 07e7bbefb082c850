import type { PlanListItem, Round } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { closeRound, fetchRounds, openRound, roundKeys } from '../../api/rounds.ts';
import { planYears } from '../../app/plan-years.ts';
import { useSession } from '../../app/session.ts';
import { errorText } from '../../components/errors.tsx';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { useIndicatorList } from '../../hooks/shared-queries.ts';
import { UnitsPanel } from '../admin/components/UnitsPanel.tsx';
import { WebhooksPanel } from '../admin/components/WebhooksPanel.tsx';
import { CompletenessBoard } from './components/CompletenessBoard.tsx';

/**
 * 填报任务: admins open and close rounds; admins and leaders follow completeness per unit. Admins also
 * keep here what a data call needs: the unit directory with the indicators' lead units, and the webhooks.
 */
export function RoundsPage() {
  return <PlanPage>{({ plan }) => <DataCall plan={plan} />}</PlanPage>;
}

function DataCall({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const isAdmin = useSession().data?.role === 'admin';
  // ?tab=units opens a tab directly (the admin's to-do links to the lead-unit assignments)
  const tab = useSearchParams()[0].get('tab');
  if (!isAdmin) return <Rounds plan={plan} />;
  return (
    <Tabs
      className="page data-call-tabs"
      defaultActiveKey={tab ?? 'rounds'}
      items={[
        { key: 'rounds', label: t('rounds.title'), children: <Rounds plan={plan} /> },
        { key: 'units', label: t('units.tab'), children: <UnitsPanel plan={plan} /> },
        { key: 'webhooks', label: t('webhooks.tab'), children: <WebhooksPanel /> },
      ]}
    />
  );
}

interface RoundForm {
  name: string;
  years: number[];
  indicators: string[];
  dueDate: string;
  instructions?: string;
}

function Rounds({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isAdmin = useSession().data?.role === 'admin';
  const rounds = useQuery({ queryKey: roundKeys.list, queryFn: fetchRounds });
  const [selected, setSelected] = useState<number | null>(null);
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm<RoundForm>();
  const indicators = useIndicatorList(plan.id, undefined);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: roundKeys.all });
    void queryClient.invalidateQueries({ queryKey: roundKeys.todo });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const open = useMutation({
    mutationFn: (v: RoundForm) =>
      openRound({
        name: v.name,
        planId: plan.id,
        years: v.years,
        indicators: v.indicators.length === 0 ? undefined : v.indicators,
        dueDate: v.dueDate,
        instructions: v.instructions?.trim() ? v.instructions.trim() : null,
      }),
    onSuccess: (round) => {
      setOpening(false);
      form.resetFields();
      setSelected(round.id);
      message.success(t('rounds.opened', { name: round.name }));
      refresh();
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const close = useMutation({
    mutationFn: closeRound,
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error, t)),
  });

  const list = (rounds.data ?? []).filter((r) => r.planId === plan.id);
  const current = selected ?? list.find((r) => r.state === 'open')?.id ?? list[0]?.id ?? null;

  const columns: TableColumnsType<Round> = [
    {
      key: 'name',
      title: t('rounds.name'),
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setSelected(r.id)} data-testid={`round-${r.id}`}>
          {r.name}
        </Button>
      ),
    },
    { key: 'years', title: t('rounds.years'), render: (_, r) => r.years.join('、'), responsive: ['sm'] },
    { key: 'count', title: t('rounds.indicators'), render: (_, r) => r.indicators.length, responsive: ['md'] },
    { key: 'due', title: t('rounds.dueDate'), render: (_, r) => r.dueDate },
    {
      key: 'state',
      title: t('rounds.state'),
      render: (_, r) => <Tag color={r.state === 'open' ? 'blue' : 'default'}>{t(`rounds.states.${r.state}`)}</Tag>,
    },
    ...(isAdmin
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, r: Round) =>
              r.state === 'open' && (
                <Popconfirm
                  title={t('rounds.closeConfirm', { name: r.name })}
                  onConfirm={() => close.mutate(r.id)}
                  okText={t('rounds.close')}
                  cancelText={t('app.cancel')}
                >
                  <Button size="small" data-testid={`close-round-${r.id}`}>
                    {t('rounds.close')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <PageShell
      title={t('rounds.title')}
      extra={
        isAdmin && (
          <Button type="primary" onClick={() => setOpening(true)} data-testid="open-round">
            {t('rounds.open')}
          </Button>
        )
      }
      reads={[rounds]}
      spinWhileLoading={false}
    >
      <Table<Round>
        rowKey="id"
        size="small"
        loading={rounds.isPending}
        columns={columns}
        dataSource={list}
        pagination={false}
        locale={{ emptyText: t('rounds.none') }}
      />
      {current !== null && <CompletenessBoard id={current} />}
      <Modal
        open={opening}
        title={t('rounds.open')}
        onCancel={() => setOpening(false)}
        onOk={() => form.submit()}
        confirmLoading={open.isPending}
        okText={t('rounds.openSubmit')}
        okButtonProps={{ 'data-testid': 'round-submit' }}
        cancelText={t('app.cancel')}
        destroyOnHidden
      >
        <Form<RoundForm>
          form={form}
          layout="vertical"
          onFinish={(v) => open.mutate(v)}
          initialValues={{
            name: t('rounds.defaultName', { year: plan.targetYear }),
            years: [plan.targetYear],
            indicators: [],
          }}
        >
          <Form.Item
            name="name"
            label={t('rounds.name')}
            rules={[{ required: true, message: t('rounds.nameRequired') }]}
          >
            <Input data-testid="round-name" />
          </Form.Item>
          <Form.Item
            name="years"
            label={t('rounds.years')}
            rules={[{ required: true, message: t('rounds.yearsRequired') }]}
          >
            <Select
              mode="multiple"
              options={planYears(plan).map((y) => ({ value: y, label: t('app.yearLabel', { year: y }) }))}
              data-testid="round-years"
            />
          </Form.Item>
          <Form.Item name="indicators" label={t('rounds.indicators')} extra={t('rounds.indicatorsHint')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(indicators.data ?? []).map((i) => ({ value: i.code, label: i.name }))}
            />
          </Form.Item>
          <Form.Item
            name="dueDate"
            label={t('rounds.dueDate')}
            extra={t('rounds.dueDateHint')}
            rules={[{ required: true, message: t('rounds.dueDateRequired') }]}
          >
            <Input type="date" data-testid="round-due" />
          </Form.Item>
          <Form.Item name="instructions" label={t('rounds.instructions')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </PageShell>
  );
}
