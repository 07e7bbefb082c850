import type { PlanListItem } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPlans, planKeys } from '../../../api/plans.ts';
import { fetchSettings, settingsKeys, updateSettings } from '../../../api/settings.ts';
import { errorText, LoadError, PageSpin } from '../../../components/errors.tsx';

/** Admin settings (FINAL #11): the issuing unit printed on reports and the plan shown by default (默认展示规划). */
export function SettingsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKeys.all, queryFn: fetchSettings });
  const plans = useQuery({ queryKey: planKeys.list, queryFn: fetchPlans });
  const [unit, setUnit] = useState<string | null>(null);

  const update = useMutation({
    mutationFn: updateSettings,
    onSuccess: () => {
      setUnit(null);
      message.success(t('app.saved'));
      return queryClient.invalidateQueries();
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const save = (patch: Parameters<typeof updateSettings>[0]) => update.mutate(patch);

  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <PageSpin />;
  const { issuingUnit, defaultPlanId } = settings.data;
  const published = (plans.data ?? []).filter((p: PlanListItem) => p.state === 'published');
  return (
    <div className="settings-panel" data-testid="settings-panel">
      <Typography.Title level={4} className="drawer-section">
        {t('final.settings')}
      </Typography.Title>
      <Typography.Title level={5}>{t('final.issuingUnit')}</Typography.Title>
      <Space wrap>
        <Input
          value={unit ?? issuingUnit.value}
          onChange={(e) => setUnit(e.target.value)}
          maxLength={100}
          style={{ width: 'min(320px, 80vw)' }}
          data-testid="settings-issuing-unit"
        />
        {issuingUnit.isDefault && <Tag>{t('final.issuingUnitDefault')}</Tag>}
        <Button
          type="primary"
          disabled={unit === null || unit.trim() === ''}
          onClick={() => save({ issuingUnit: unit?.trim() ?? null })}
          data-testid="settings-save-unit"
        >
          {t('app.save')}
        </Button>
        {!issuingUnit.isDefault && (
          <Button onClick={() => save({ issuingUnit: null })}>{t('final.resetDefault')}</Button>
        )}
      </Space>
      <Typography.Title level={5} className="drawer-section">
        {t('final.defaultPlan')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('final.defaultPlanHint')}</Typography.Paragraph>
      <Space wrap>
        <Select<string>
          value={defaultPlanId.value ?? undefined}
          options={published.map((p) => ({ value: p.id, label: p.title }))}
          onChange={(id) => save({ defaultPlanId: id })}
          style={{ width: 'min(420px, 85vw)' }}
          data-testid="settings-default-plan"
        />
        {defaultPlanId.isDefault ? (
          <Tag>{t('final.defaultPlanFirst')}</Tag>
        ) : (
          <Button onClick={() => save({ defaultPlanId: null })}>{t('final.resetDefault')}</Button>
        )}
      </Space>
    </div>
  );
}
