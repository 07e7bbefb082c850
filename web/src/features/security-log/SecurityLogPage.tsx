import type { SecurityLogEntry } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSecurityLog, securityLogKeys } from '../../api/account.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageShell } from '../../components/PageShell.tsx';
import { formatDateTime } from '../../format/number.ts';
import { useLocale } from '../../i18n/index.ts';

const PAGE = 200;
const COLOURS: Record<SecurityLogEntry['event'], string> = {
  'login.success': 'green',
  'login.failure': 'orange',
  'login.locked': 'red',
  'login.throttled': 'volcano',
  'request.denied': 'default',
};

/** SEC (#10): the sign-in and denial log, for whoever reads the audit log. */
export function SecurityLogPage() {
  return (
    <AntdScope>
      <SecurityLog />
    </AntdScope>
  );
}

function SecurityLog() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [limit, setLimit] = useState(PAGE);
  const log = useQuery({ queryKey: [...securityLogKeys.list, limit], queryFn: () => fetchSecurityLog(limit) });

  const columns: TableColumnsType<SecurityLogEntry> = [
    { key: 'at', title: t('security.at'), render: (_, e) => formatDateTime(e.at, locale) },
    {
      key: 'event',
      title: t('security.event'),
      render: (_, e) => <Tag color={COLOURS[e.event]}>{t(`security.events.${e.event}`)}</Tag>,
    },
    { key: 'user', title: t('security.user'), render: (_, e) => e.username ?? '—' },
    { key: 'ip', title: t('security.address'), render: (_, e) => e.ip ?? '—' },
    { key: 'status', title: t('security.status'), render: (_, e) => e.status ?? '—', responsive: ['md'] },
    {
      key: 'request',
      title: t('security.request'),
      render: (_, e) => (e.method && e.path ? `${e.method} ${e.path}` : '—'),
      responsive: ['lg'],
    },
    {
      key: 'ua',
      title: t('security.userAgent'),
      render: (_, e) => e.userAgent ?? '—',
      responsive: ['xl'],
      ellipsis: true,
    },
  ];

  return (
    <PageShell title={t('security.logTitle')} reads={[log]} spinWhileLoading={false}>
      <Table<SecurityLogEntry>
        rowKey="id"
        size="small"
        loading={log.isPending}
        columns={columns}
        dataSource={log.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="security-log"
        footer={
          (log.data?.length ?? 0) >= limit
            ? () => (
                <Button type="link" className="link-button" onClick={() => setLimit(Math.min(limit + PAGE, 1000))}>
                  {t('security.more')}
                </Button>
              )
            : undefined
        }
      />
    </PageShell>
  );
}
