import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { PlanListItem } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { lockKeys, lockYear, unlockYear } from '../../../api/locks.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import { formatDateTime, MISSING } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';
import { useLocks } from '../../../hooks/shared-queries.ts';
import { planYears } from '../../../app/plan-years.ts';

/** Lock a year once its figures are final (no entry or correction until unlocked), or unlock it. */
export function LockPanel({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const locks = useLocks(plan.id);
  const toggle = useMutation({
    mutationFn: ({ year, locked }: { year: number; locked: boolean }) =>
      locked ? unlockYear(plan.id, year) : lockYear(plan.id, year),
    // the button spins until the list shows the new state
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lockKeys.list(plan.id) }),
    onError: (error) => message.error(errorText(error, t)),
  });
  const busyYear = toggle.isPending ? toggle.variables.year : null;

  if (locks.isError) return <LoadError error={locks.error} onRetry={() => void locks.refetch()} />;
  const years = planYears(plan);

  return (
    <List
      loading={locks.isPending}
      dataSource={years}
      className="lock-list"
      renderItem={(year) => {
        const lock = locks.data?.find((l) => l.year === year);
        return (
          <List.Item
            actions={[
              <Button
                key="toggle"
                size="small"
                icon={lock ? <UnlockOutlined /> : <LockOutlined />}
                loading={busyYear === year}
                onClick={() => toggle.mutate({ year, locked: lock !== undefined })}
                data-testid={`lock-${year}`}
              >
                {lock ? t('review.unlock') : t('review.lock')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={t('app.yearLabel', { year })}
              description={
                lock ? (
                  <Typography.Text>
                    {t('review.lockedBy', {
                      who: lock.lockedBy ?? MISSING,
                      when: formatDateTime(lock.lockedAt, locale),
                    })}
                  </Typography.Text>
                ) : (
                  t('review.unlocked')
                )
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
