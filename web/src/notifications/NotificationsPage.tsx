import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Card, Segmented } from 'antd';
import { PageHeader } from '../app/PageHeader';
import { formatInstant } from '../app/DateInput';
import { PagedTable } from '../app/PagedTable';
import { usePaging } from '../app/paging';
import { appPath, useMarkRead, useNotifications, type Notification } from './api';

export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [paging, setPaging] = usePaging(20, unreadOnly);
  const list = useNotifications(paging.page, paging.pageSize, unreadOnly);
  const mark = useMarkRead();

  return (
    <>
      <PageHeader title="消息通知" actions={<Button onClick={() => mark.all.mutate()} loading={mark.all.isPending}>全部标为已读</Button>} />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[{ value: 'all', label: '全部' }, { value: 'unread', label: '未读' }]}
        />
        <PagedTable<Notification> rowKey="id"
          list={list} paging={paging} onPaging={setPaging} emptyText="暂无通知" unit="条"
          columns={[
            { title: '', dataIndex: 'readAt', width: 30, render: (r: string | null) => (r ? null : <Badge status="processing" />) },
            {
              title: '标题', dataIndex: 'title',
              render: (t: string, n) => {
                const path = appPath(n.link);
                return path ? <Link to={path} onClick={() => !n.readAt && mark.one.mutate(n.id)}>{t}</Link> : t;
              },
            },
            { title: '内容', dataIndex: 'body', ellipsis: true },
            { title: '时间', dataIndex: 'createdAt', width: 180, render: formatInstant },
            {
              title: '操作', key: 'op', width: 100,
              render: (_: unknown, n) => !n.readAt && <Button size="small" type="link" onClick={() => mark.one.mutate(n.id)}>标为已读</Button>,
            },
          ]}
        />
      </Card>
    </>
  );
}
