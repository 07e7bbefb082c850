import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { PlanListItem, PlanState } from '@gz/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Grid, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { indicatorKeys } from '../../../api/indicators.ts';
import {
  fetchPlans,
  importPlanDefinition,
  planDefinitionUrl,
  planKeys,
  planTemplateUrl,
  publishPlan,
  archivePlan,
  type PlanImportResult,
} from '../../../api/plans.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import { MISSING } from '../../../format/number.ts';
import { PlanDraftDrawer } from './PlanDraftDrawer.tsx';
import { SuccessorModal } from './SuccessorModal.tsx';

const STATE_COLOURS: Record<PlanState, string> = { draft: 'gold', published: 'green', archived: 'default' };

/** A problem of an imported workbook at its cell: `body.指标!M5` → sheet 指标, cell M5. */
interface CellProblem {
  sheet: string;
  cell: string;
  message: string;
}

function cellProblems(error: ApiError): CellProblem[] {
  return error.errors.map((e) => {
    const where = e.field.replace(/^body\.?/, '');
    const bang = where.indexOf('!');
    return bang < 0
      ? { sheet: MISSING, cell: where || MISSING, message: e.message }
      : { sheet: where.slice(0, bang), cell: where.slice(bang + 1), message: e.message };
  });
}

type ImportState =
  | { file: File; definition: Extract<PlanImportResult, { dryRun: true }>['definition'] }
  | { problems: CellProblem[] }
  | null;

/**
 * Plans and their life: the list with each plan's state and period; a new draft from an existing plan
 * (successor) or from a definition workbook (always checked first, problems shown at their cells); edits of a
 * draft; publishing with a confirmation. A draft can be previewed on every screen through "?plan=".
 */
export function PlansPanel() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const plans = useQuery({ queryKey: planKeys.list, queryFn: fetchPlans });
  const [imported, setImported] = useState<ImportState>(null);
  const [busy, setBusy] = useState(false);
  const [successorOf, setSuccessorOf] = useState<PlanListItem | null>(null);
  const [editing, setEditing] = useState<PlanListItem | null>(null);
  // On a phone the period and state join the title, so that the actions keep a column of their own.
  const compact = !Grid.useBreakpoint().sm;

  // Every plan-scoped cache entry hangs under ['plans'], and indicators are read per plan.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: planKeys.list }),
      queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
    ]);

  async function runImport(file: File, dryRun: boolean) {
    setBusy(true);
    try {
      const result = await importPlanDefinition(file, dryRun);
      if (result.dryRun) setImported({ file, definition: result.definition });
      else {
        message.success(t('plans.imported', { title: result.plan.title }));
        setImported(null);
        void refresh();
      }
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) setImported({ problems: cellProblems(error) });
      else {
        setImported(null);
        message.error(errorText(error, t));
      }
    } finally {
      setBusy(false);
    }
  }

  function confirmArchive(plan: PlanListItem) {
    modal.confirm({
      title: t('final.archive'),
      content: t('final.archiveConfirm', { title: plan.title }),
      okText: t('final.archive'),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'archive-confirm' },
      onOk: async () => {
        try {
          await archivePlan(plan.id);
          message.success(t('final.archived', { title: plan.title }));
          await refresh();
        } catch (error) {
          message.error(errorText(error, t));
        }
      },
    });
  }

  function confirmPublish(plan: PlanListItem) {
    modal.confirm({
      title: t('plans.publish'),
      content: t('plans.publishConfirm', { title: plan.title }),
      okText: t('plans.publish'),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'publish-confirm' },
      onOk: async () => {
        try {
          await publishPlan(plan.id);
          message.success(t('plans.published', { title: plan.title }));
          await refresh();
        } catch (error) {
          message.error(errorText(error, t));
        }
      },
    });
  }

  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;

  const period = (p: PlanListItem) => (
    <span className="nowrap">
      {t('plans.periodValue', { from: p.baselineYear, to: p.targetYear })}
      {p.outlookYear !== null && (
        <Typography.Text type="secondary"> · {t('plans.outlook', { year: p.outlookYear })}</Typography.Text>
      )}
    </span>
  );
  const state = (p: PlanListItem) => (
    <Tag color={STATE_COLOURS[p.state]} data-testid={`plan-state-${p.id}`}>
      {t(`plans.states.${p.state}`)}
    </Tag>
  );

  const columns: TableColumnsType<PlanListItem> = [
    {
      key: 'title',
      title: t('plans.title'),
      render: (_, p) => (
        <div className="plan-title-cell">
          <span>{p.title}</span>
          <Typography.Text type="secondary" className="plan-id">
            {p.id}
          </Typography.Text>
          {compact && (
            <span>
              {state(p)}
              {period(p)}
            </span>
          )}
        </div>
      ),
    },
    ...(compact
      ? []
      : ([
          { key: 'period', title: t('plans.period'), render: (_, p) => period(p) },
          { key: 'state', title: t('plans.state'), render: (_, p) => state(p) },
          {
            key: 'count',
            title: t('plans.indicatorCount'),
            dataIndex: 'indicatorCount',
            align: 'right',
            responsive: ['md'],
          },
        ] satisfies TableColumnsType<PlanListItem>)),
    {
      key: 'actions',
      title: t('plans.actions'),
      width: compact ? 128 : undefined,
      render: (_, p) => (
        <Space
          size={[4, 4]}
          wrap
          orientation={compact ? 'vertical' : 'horizontal'}
          align={compact ? 'start' : 'center'}
        >
          <Link to={`/?plan=${encodeURIComponent(p.id)}`} data-testid={`plan-preview-${p.id}`}>
            {t('plans.preview')}
          </Link>
          <Button
            size="small"
            type="link"
            icon={<DownloadOutlined />}
            href={planDefinitionUrl(p.id)}
            className="link-button"
          >
            {t('plans.downloadDefinition')}
          </Button>
          <Button size="small" onClick={() => setSuccessorOf(p)} data-testid={`plan-successor-${p.id}`}>
            {t('plans.successor')}
          </Button>
          {p.state === 'published' && (
            <Button size="small" danger onClick={() => confirmArchive(p)} data-testid={`plan-archive-${p.id}`}>
              {t('final.archive')}
            </Button>
          )}
          {p.state === 'draft' && (
            <Space size={4}>
              <Button size="small" onClick={() => setEditing(p)} data-testid={`plan-edit-${p.id}`}>
                {t('plans.edit')}
              </Button>
              <Button
                size="small"
                type="primary"
                onClick={() => confirmPublish(p)}
                data-testid={`plan-publish-${p.id}`}
              >
                {t('plans.publish')}
              </Button>
            </Space>
          )}
        </Space>
      ),
    },
  ];

  const problemColumns: TableColumnsType<CellProblem> = [
    { key: 'sheet', title: t('plans.sheet'), dataIndex: 'sheet', width: 80 },
    { key: 'cell', title: t('plans.cell'), dataIndex: 'cell', width: 80 },
    { key: 'message', title: t('plans.problem'), dataIndex: 'message' },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('plans.hint')}</Typography.Paragraph>
      <Space wrap className="panel-action">
        <Button icon={<DownloadOutlined />} href={planTemplateUrl()} data-testid="plan-template">
          {t('plans.downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          // Kept and sent by hand: checked first, imported (the very same file) only after a clean check.
          beforeUpload={(file) => {
            void runImport(file, true);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="plan-import">
            {t('plans.import')}
          </Button>
        </Upload>
      </Space>
      {imported && (
        <div className="import-report plan-import-report" data-testid="plan-import-report">
          {'problems' in imported ? (
            <>
              <Alert type="error" showIcon title={t('plans.importFailed', { count: imported.problems.length })} />
              <Table<CellProblem>
                size="small"
                rowKey={(r) => `${r.sheet}!${r.cell}:${r.message}`}
                columns={problemColumns}
                dataSource={imported.problems}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
              />
            </>
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('plans.importOk', {
                title: imported.definition.title,
                from: imported.definition.baselineYear,
                to: imported.definition.targetYear,
                areas: imported.definition.categories.length,
                count: imported.definition.categories.reduce((n, c) => n + c.indicators.length, 0),
              })}
              action={
                <Button
                  type="primary"
                  size="small"
                  loading={busy}
                  onClick={() => void runImport(imported.file, false)}
                  data-testid="plan-import-commit"
                >
                  {t('plans.importCommit')}
                </Button>
              }
            />
          )}
        </div>
      )}
      <Table<PlanListItem>
        rowKey="id"
        size="small"
        loading={plans.isPending}
        columns={columns}
        dataSource={plans.data ?? []}
        pagination={false}
        className="panel-table"
        data-testid="plan-list"
      />
      {successorOf && (
        <SuccessorModal
          source={successorOf}
          onClose={() => setSuccessorOf(null)}
          onCreated={(plan) => {
            setSuccessorOf(null);
            message.success(t('plans.created', { title: plan.title }));
            void refresh();
          }}
        />
      )}
      {editing && <PlanDraftDrawer plan={editing} onClose={() => setEditing(null)} onChanged={() => void refresh()} />}
    </>
  );
}
