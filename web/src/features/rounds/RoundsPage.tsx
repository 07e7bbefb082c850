import type { CompletenessRow, PlanListItem, Round } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  closeRound,
  fetchCompleteness,
  fetchRounds,
  openRound,
  reminderSheetUrl,
  roundKeys,
} from '../../api/rounds.ts';
import { planYears } from '../../app/plan-years.ts';
import { useSession } from '../../app/session.ts';
import { errorText, LoadError } from '../../components/errors.tsx';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { formatShare } from '../../format/number.ts';
import { useIndicatorList } from '../../hooks/shared-queries.ts';
import { useLocale } from '../../i18n/index.ts';
import { UnitsPanel } from '../admin/components/UnitsPanel.tsx';
import { WebhooksPanel } from '../admin/components/WebhooksPanel.tsx';

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
      {current !== null && <Board id={current} />}
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

/** The completeness board of one round, overdue units highlighted, with the 催报表 download. */
function Board({ id }: { id: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const board = useQuery({
    queryKey: roundKeys.completeness(id),
    queryFn: () => fetchCompleteness(id),
    refetchInterval: 60_000,
    staleTime: 0,
  });
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  const data = board.data;
  const rows = data ? [...data.units, { ...data.total, unitCode: '__total' }] : [];
  const columns: TableColumnsType<CompletenessRow> = [
    {
      key: 'unit',
      title: t('rounds.unit'),
      render: (_, r) =>
        r.unitCode === '__total' ? (
          <strong>{t('rounds.total')}</strong>
        ) : (
          (r.unitName ?? <Tag color="red">{t('units.unassigned')}</Tag>)
        ),
    },
    { key: 'asked', title: t('rounds.asked'), className: 'num', render: (_, r) => r.asked },
    { key: 'filled', title: t('rounds.filled'), className: 'num', render: (_, r) => r.filled },
    { key: 'approved', title: t('rounds.approved'), className: 'num', render: (_, r) => r.approved },
    {
      key: 'returned',
      title: t('rounds.returned'),
      className: 'num',
      render: (_, r) => r.returned,
      responsive: ['sm'],
    },
    {
      key: 'overdue',
      title: t('rounds.overdue'),
      className: 'num',
      render: (_, r) => (r.overdue > 0 ? <Tag color="red">{r.overdue}</Tag> : r.overdue),
    },
    {
      key: 'percent',
      title: t('rounds.percentApproved'),
      className: 'num',
      render: (_, r) => (
        <span data-testid={`percent-${r.unitCode ?? 'none'}`}>{formatShare(r.percentApproved / 100, locale)}</span>
      ),
    },
  ];
  return (
    <section className="round-board" data-testid="completeness-board">
      <header className="page-header">
        <Typography.Title level={4}>
          {data ? t('rounds.board', { name: data.round.name }) : t('app.loading')}
        </Typography.Title>
        <Button href={reminderSheetUrl(id)} download data-testid="reminder-sheet">
          {t('rounds.download')}
        </Button>
      </header>
      {data && (
        <Typography.Paragraph type="secondary">
          {t('rounds.deadlineNote', { dueDate: data.round.dueDate })}
          {data.total.overdue > 0 && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t('rounds.overdueCount', { count: data.total.overdue })}
            </Tag>
          )}
        </Typography.Paragraph>
      )}
      <Table<CompletenessRow>
        rowKey={(r) => r.unitCode ?? '__none'}
        size="small"
        loading={board.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.overdue > 0 && r.unitCode !== '__total' ? 'row-overdue' : '')}
        scroll={{ x: 480 }}
      />
    </section>
  );
}
