import type { Notification } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchNotifications, markNotificationsRead, notificationKeys } from '../../api/notifications.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageShell } from '../../components/PageShell.tsx';
import { formatDateTime } from '../../format/number.ts';
import { useLocale } from '../../i18n/index.ts';
import { messageText } from './message-text.ts';

/** The message centre: returned values with their reasons, reviews waiting, rounds and their deadlines. */
export function MessagesPage() {
  return (
    <AntdScope>
      <Messages />
    </AntdScope>
  );
}

/** Where a message leads. */
const targetOf = (n: Notification) => (n.kind === 'review_waiting' ? '/review' : '/todo');

function Messages() {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: notificationKeys.list, queryFn: fetchNotifications, staleTime: 0 });
  const read = useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.list }),
  });
  const items = list.data?.items ?? [];
  const unread = list.data?.unread ?? 0;
  return (
    <PageShell
      title={t('messages.title')}
      extra={
        unread > 0 && (
          <Button onClick={() => read.mutate(undefined)} loading={read.isPending} data-testid="mark-all-read">
            {t('messages.markAllRead')}
          </Button>
        )
      }
      reads={[list]}
    >
      {items.length === 0 ? (
        <Empty description={t('messages.empty')} />
      ) : (
        <List<Notification>
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              className={n.readAt === null ? 'message message-unread' : 'message'}
              data-testid={`message-${n.kind}`}
              actions={
                n.readAt === null
                  ? [
                      <Button key="read" size="small" type="link" onClick={() => read.mutate([n.id])}>
                        {t('messages.markRead')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Link to={targetOf(n)} onClick={() => n.readAt === null && read.mutate([n.id])}>
                    {messageText(n, t)}
                  </Link>
                }
                description={formatDateTime(n.createdAt, locale)}
              />
            </List.Item>
          )}
        />
      )}
    </PageShell>
  );
}
