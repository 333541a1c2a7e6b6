import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { formatInstant } from '../app/DateInput';
import { appPath, useMarkRead, useNotifications, useUnreadCount, type Notification } from './api';

/** The header's bell: unread count, the latest notifications, mark read. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const latest = useNotifications(1, 8, false, open);
  const mark = useMarkRead();
  const count = unread.data?.count ?? 0;

  const openItem = (n: Notification) => {
    if (!n.readAt) mark.one.mutate(n.id);
    const path = appPath(n.link);
    if (path) {
      setOpen(false);
      navigate(path);
    }
  };

  const content = (
    <div style={{ width: 340 }}>
      {latest.isLoading && <Spin />}
      {latest.data && latest.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />}
      {latest.data && latest.data.items.length > 0 && (
        <ul className="notification-list" aria-label="最新通知">
          {latest.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : 'unread'}>
              <button type="button" onClick={() => openItem(n)}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                {n.body && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{n.body}</Typography.Paragraph>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatInstant(n.createdAt)}</Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" type="link" disabled={count === 0} loading={mark.all.isPending} onClick={() => mark.all.mutate()}>全部标为已读</Button>
        <Button size="small" type="link" onClick={() => { setOpen(false); navigate('/notifications'); }}>查看全部</Button>
      </div>
    </div>
  );

  return (
    <Popover content={content} title="消息通知" trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button type="text" aria-label={count ? `消息通知（${count} 条未读）` : '消息通知'}>
        <Badge count={count} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
