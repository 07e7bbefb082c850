import type { TodoItem, TodoRound, TodoTaskReport } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchTodo, roundKeys } from '../../api/rounds.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageShell } from '../../components/PageShell.tsx';

const STATUS_COLOURS: Record<TodoItem['status'], string> = {
  to_fill: 'orange',
  returned: 'red',
  pending_review: 'blue',
  approved: 'green',
};

const TASK_STATUS_COLOURS: Record<TodoTaskReport['status'], string> = {
  to_report: 'orange',
  returned: 'red',
  pending_review: 'blue',
  approved: 'green',
};

/** My to-do: the items of open rounds (待填报 / 已退回 with the reason / 待审核 / 已通过) with their deadlines. */
export function TodoPage() {
  return (
    <AntdScope>
      <Todo />
    </AntdScope>
  );
}

function Todo() {
  const { t } = useTranslation();
  const todo = useQuery({ queryKey: roundKeys.todo, queryFn: fetchTodo, refetchInterval: 60_000, staleTime: 0 });
  return (
    <PageShell title={t('todo.title')} read={todo}>
      {({ rounds, unassignedIndicators, reviewWaiting }) => {
        const nothing = rounds.length === 0 && unassignedIndicators.length === 0 && reviewWaiting === 0;
        return (
          <>
            {nothing && <Empty description={t('todo.empty')} />}
            {reviewWaiting > 0 && (
              <Card size="small" className="todo-card" data-testid="todo-review">
                <Link to="/review">{t('todo.reviewWaiting', { count: reviewWaiting })}</Link>
              </Card>
            )}
            {unassignedIndicators.length > 0 && (
              <Card
                size="small"
                className="todo-card"
                title={t('todo.unassigned', { count: unassignedIndicators.length })}
                data-testid="todo-unassigned"
              >
                <Typography.Paragraph type="secondary">{t('todo.unassignedHint')}</Typography.Paragraph>
                <ul className="todo-list">
                  {unassignedIndicators.map((i) => (
                    <li key={`${i.planId}/${i.code}`} data-testid={`unassigned-${i.code}`}>
                      {i.name}
                    </li>
                  ))}
                </ul>
                <Link to="/rounds?tab=units">{t('todo.assign')}</Link>
              </Card>
            )}
            {rounds.map((r) => (
              <RoundCard key={r.round.id} entry={r} />
            ))}
          </>
        );
      }}
    </PageShell>
  );
}

function RoundCard({ entry }: { entry: TodoRound }) {
  const { t } = useTranslation();
  const { round, counts, items, overdue, taskReports } = entry;
  const columns: TableColumnsType<TodoItem> = [
    {
      key: 'indicator',
      title: t('todo.indicator'),
      render: (_, i) => <Link to={`/indicators/${i.indicatorCode}`}>{i.indicatorName}</Link>,
    },
    { key: 'year', title: t('todo.year'), render: (_, i) => t('app.yearLabel', { year: i.year }) },
    {
      key: 'status',
      title: t('todo.status'),
      render: (_, i) => (
        <span data-testid={`todo-status-${i.indicatorCode}-${i.year}`}>
          <Tag color={STATUS_COLOURS[i.status]}>{t(`todo.statuses.${i.status}`)}</Tag>
          {i.overdue && <Tag color="red">{t('todo.overdue')}</Tag>}
        </span>
      ),
    },
    {
      key: 'reason',
      title: t('todo.reason'),
      render: (_, i) =>
        i.reason ? (
          <span className="todo-reason" data-testid={`todo-reason-${i.indicatorCode}-${i.year}`}>
            {i.reason}
          </span>
        ) : null,
    },
  ];
  return (
    <Card
      size="small"
      className={overdue ? 'todo-card todo-overdue' : 'todo-card'}
      data-testid={`todo-round-${round.id}`}
      title={
        <span>
          {round.name} {overdue && <Tag color="red">{t('todo.overdue')}</Tag>}
        </span>
      }
    >
      <Typography.Paragraph>
        {t('todo.deadline', { dueDate: round.dueDate })}
        {' · '}
        {(['to_fill', 'returned', 'pending_review', 'approved'] as const)
          .map((s) => `${t(`todo.statuses.${s}`)} ${counts[s]}`)
          .join(' · ')}
      </Typography.Paragraph>
      {round.instructions && <Typography.Paragraph type="secondary">{round.instructions}</Typography.Paragraph>}
      {items.length > 0 && (
        <>
          <Table<TodoItem>
            rowKey={(i) => `${i.indicatorCode}-${i.year}`}
            size="small"
            columns={columns}
            dataSource={items}
            pagination={false}
            rowClassName={(i) => (i.overdue ? 'row-overdue' : '')}
            scroll={{ x: 360 }}
          />
          <Link to="/entry" className="todo-go">
            {t('todo.goEnter')}
          </Link>
        </>
      )}
      {taskReports.length > 0 && <TaskReports roundId={round.id} reports={taskReports} />}
    </Card>
  );
}

/** The task reports (任务进展) a round asks of the user's units, with their state and deadline. */
function TaskReports({ roundId, reports }: { roundId: number; reports: readonly TodoTaskReport[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<TodoTaskReport> = [
    { key: 'task', title: t('todo.task'), render: (_, r) => r.title },
    { key: 'measure', title: t('todo.measure'), render: (_, r) => r.measureTitle ?? '' },
    { key: 'dueDate', title: t('todo.dueDate'), render: (_, r) => r.dueDate },
    {
      key: 'status',
      title: t('todo.status'),
      render: (_, r) => (
        <span data-testid={`todo-task-status-${r.taskId}`}>
          <Tag color={TASK_STATUS_COLOURS[r.status]}>{t(`todo.taskStatuses.${r.status}`)}</Tag>
          {r.overdue && <Tag color="red">{t('todo.overdue')}</Tag>}
        </span>
      ),
    },
    {
      key: 'reason',
      title: t('todo.reason'),
      render: (_, r) =>
        r.reason ? (
          <span className="todo-reason" data-testid={`todo-task-reason-${r.taskId}`}>
            {r.reason}
          </span>
        ) : null,
    },
  ];
  return (
    <div data-testid={`todo-task-reports-${roundId}`}>
      <Typography.Title level={5}>{t('todo.taskReports', { count: reports.length })}</Typography.Title>
      <Table<TodoTaskReport>
        rowKey={(r) => String(r.taskId)}
        size="small"
        columns={columns}
        dataSource={[...reports]}
        pagination={false}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        scroll={{ x: 480 }}
      />
      <Link to="/ledger/mine" className="todo-go">
        {t('todo.goReport')}
      </Link>
    </div>
  );
}
