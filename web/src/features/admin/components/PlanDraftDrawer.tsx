import type { Indicator, PlanListItem, Thresholds } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorKeys } from '../../../api/indicators.ts';
import { fetchPlan, patchPlan, planKeys, removePlanIndicator } from '../../../api/plans.ts';
import { errorText, LoadError, PageSpin } from '../../../components/errors.tsx';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { formFailure, placeFieldErrors } from './form-parts.tsx';
import { draftIndicatorColumns } from './plans/draft-columns.tsx';
import { IndicatorDrawer } from './plans/IndicatorDrawer.tsx';

const THRESHOLD_KEYS = [
  'ahead',
  'onTrack',
  'lagging',
  'approxTolerancePct',
  'annualRateTolerance',
  'qualitativeBandPct',
] as const satisfies readonly (keyof Thresholds)[];

interface PlanValues extends Thresholds {
  title: string;
  baselineYear: number;
  targetYear: number;
  outlookYear?: number | null;
}

const PLAN_FIELD_OF: Record<string, string> = {
  title: 'title',
  baselineYear: 'baselineYear',
  targetYear: 'targetYear',
  outlookYear: 'outlookYear',
  ...Object.fromEntries(THRESHOLD_KEYS.map((k) => [`thresholds.${k}`, k])),
};

interface PlanDraftDrawerProps {
  plan: PlanListItem;
  onClose: () => void;
  /** after any saved change: the plan list and everything computed from the plan are stale */
  onChanged: () => void;
}

/** Edits a draft plan: title, period and thresholds, then any indicator's baseline and target. */
export function PlanDraftDrawer({ plan, onClose, onChanged }: PlanDraftDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const full = useQuery({ queryKey: planKeys.one(plan.id), queryFn: () => fetchPlan(plan.id) });
  const list = useIndicatorList(plan.id, undefined);
  const [form] = Form.useForm<PlanValues>();
  const [indicator, setIndicator] = useState<Indicator | null>(null);
  const [adding, setAdding] = useState(false);
  const { modal } = App.useApp();

  const remove = useMutation({
    mutationFn: (i: Indicator) => removePlanIndicator(plan.id, i.code),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      void queryClient.invalidateQueries({ queryKey: planKeys.one(plan.id) });
      onChanged();
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  function confirmRemove(i: Indicator) {
    modal.confirm({
      title: t('final.removeIndicator'),
      content: t('final.removeConfirm', { name: i.name }),
      okText: t('final.removeIndicator'),
      cancelText: t('app.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'remove-indicator-confirm' },
      // the dialog waits for the call; a failure shows as a message
      onOk: () => remove.mutateAsync(i).catch(() => undefined),
    });
  }

  const save = useMutation({
    mutationFn: ({ title, baselineYear, targetYear, outlookYear, ...thresholds }: PlanValues) =>
      patchPlan(plan.id, { title, baselineYear, targetYear, outlookYear: outlookYear ?? null, thresholds }),
    onSuccess: () => {
      message.success(t('app.saved'));
      void queryClient.invalidateQueries({ queryKey: planKeys.one(plan.id) });
      onChanged();
    },
    onError: (error) => placeFieldErrors(form, error, PLAN_FIELD_OF),
  });
  const failure = formFailure(save.error, PLAN_FIELD_OF, t);

  const columns = draftIndicatorColumns(t, locale, { edit: setIndicator, remove: confirmRemove });

  return (
    <Drawer
      open
      title={t('plans.editTitle', { title: plan.title })}
      onClose={onClose}
      size="large"
      className="plan-drawer"
    >
      {full.isError ? (
        <LoadError error={full.error} onRetry={() => void full.refetch()} />
      ) : !full.data ? (
        <PageSpin />
      ) : (
        <Form<PlanValues>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{
            ...full.data.thresholds,
            title: full.data.title,
            baselineYear: full.data.baselineYear,
            targetYear: full.data.targetYear,
            outlookYear: full.data.outlookYear,
          }}
        >
          <Form.Item name="title" label={t('plans.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} data-testid="draft-title" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="baselineYear" label={t('plans.baselineYear')} rules={[{ required: true }]}>
              <InputNumber min={1949} max={2100} controls={false} />
            </Form.Item>
            <Form.Item name="targetYear" label={t('plans.targetYear')} rules={[{ required: true }]}>
              <InputNumber min={1949} max={2100} controls={false} />
            </Form.Item>
            <Form.Item name="outlookYear" label={t('plans.outlookYear')}>
              <InputNumber min={1949} max={2100} controls={false} />
            </Form.Item>
          </div>
          <Typography.Title level={5}>{t('plans.thresholds')}</Typography.Title>
          <div className="form-row">
            {THRESHOLD_KEYS.map((key) => (
              <Form.Item key={key} name={key} label={t(`plans.${key}`)} rules={[{ required: true }]}>
                <InputNumber min={0} step={0.1} controls={false} data-testid={`draft-${key}`} />
              </Form.Item>
            ))}
          </div>
          {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="draft-save">
            {t('plans.savePlan')}
          </Button>
        </Form>
      )}
      <Typography.Title level={5} className="drawer-section">
        {t('plans.indicators')}
      </Typography.Title>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Button onClick={() => setAdding(true)} className="panel-action" data-testid="draft-add-indicator">
            {t('final.addIndicator')}
          </Button>
          <Table<Indicator>
            rowKey="code"
            size="small"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data ?? []}
            pagination={false}
          />
        </>
      )}
      {adding && full.data && (
        <IndicatorDrawer
          planId={plan.id}
          indicator={null}
          areas={full.data.categories.map((c) => ({ value: c.code, label: c.name }))}
          baselineYear={full.data.baselineYear}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
            void queryClient.invalidateQueries({ queryKey: planKeys.one(plan.id) });
            onChanged();
          }}
        />
      )}
      {indicator && (
        <IndicatorDrawer
          planId={plan.id}
          indicator={indicator}
          areas={[]}
          baselineYear={indicator.baseline.year}
          onClose={() => setIndicator(null)}
          onSaved={() => {
            setIndicator(null);
            void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
