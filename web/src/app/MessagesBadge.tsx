import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchNotifications, notificationKeys } from '../api/notifications.ts';

/** The header's bell with the unread count (plain markup: the header carries no antd). Polls every minute. */
export function MessagesBadge() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: notificationKeys.list, queryFn: fetchNotifications, refetchInterval: 60_000 });
  const unread = list.data?.unread ?? 0;
  const label = unread > 0 ? t('messages.unread', { count: unread }) : t('messages.title');
  return (
    <Link
      to="/messages"
      className="app-action app-messages"
      aria-label={label}
      title={label}
      data-testid="messages-link"
    >
      <BellOutlined />
      {unread > 0 && (
        <span className="app-badge" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
