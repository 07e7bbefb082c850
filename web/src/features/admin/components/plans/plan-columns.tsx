import { DownloadOutlined } from '@ant-design/icons';
import type { PlanListItem, PlanState } from '@gz/shared';
import { Button, Space, type TableColumnsType, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { planDefinitionUrl } from '../../../../api/plans.ts';
import type { CellProblem } from './cell-problems.ts';

const STATE_COLOURS: Record<PlanState, string> = { draft: 'gold', published: 'green', archived: 'default' };

/** What a row of the plan list can start. */
export interface PlanRowActions {
  successor: (plan: PlanListItem) => void;
  edit: (plan: PlanListItem) => void;
  archive: (plan: PlanListItem) => void;
  publish: (plan: PlanListItem) => void;
}

/**
 * The plan list's columns. On a phone (`compact`) the period and state join the title, so that the actions keep a
 * column of their own.
 */
export function planColumns(t: TFunction, compact: boolean, on: PlanRowActions): TableColumnsType<PlanListItem> {
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

  return [
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
          <Button size="small" onClick={() => on.successor(p)} data-testid={`plan-successor-${p.id}`}>
            {t('plans.successor')}
          </Button>
          {p.state === 'published' && (
            <Button size="small" danger onClick={() => on.archive(p)} data-testid={`plan-archive-${p.id}`}>
              {t('final.archive')}
            </Button>
          )}
          {p.state === 'draft' && (
            <Space size={4}>
              <Button size="small" onClick={() => on.edit(p)} data-testid={`plan-edit-${p.id}`}>
                {t('plans.edit')}
              </Button>
              <Button size="small" type="primary" onClick={() => on.publish(p)} data-testid={`plan-publish-${p.id}`}>
                {t('plans.publish')}
              </Button>
            </Space>
          )}
        </Space>
      ),
    },
  ];
}

/** The columns of an import's problems, each at its sheet and cell. */
export function problemColumns(t: TFunction): TableColumnsType<CellProblem> {
  return [
    { key: 'sheet', title: t('plans.sheet'), dataIndex: 'sheet', width: 80 },
    { key: 'cell', title: t('plans.cell'), dataIndex: 'cell', width: 80 },
    { key: 'message', title: t('plans.problem'), dataIndex: 'message' },
  ];
}
