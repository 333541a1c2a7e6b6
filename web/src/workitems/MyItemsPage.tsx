import { Link } from 'react-router';
import { Card, Empty, List, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { sourceLabel, workItemKeys, type WorkItem } from './api';
import { StateTag, TimelinessTag } from './WorkItemTags';
import './workitems.css';

function ItemList({ title, items, empty }: { title: string; items: WorkItem[] | undefined; empty: string }) {
  return (
    <Card title={`${title}（${items?.length ?? 0}）`} size="small" className="my-items-card">
      {items?.length ? (
        <List
          dataSource={items}
          renderItem={(w) => (
            <List.Item>
              <div className="my-item">
                <Link to={`/work-items/${w.id}`} className="my-item-title">{w.title}</Link>
                <Space size={4} wrap>
                  <StateTag state={w.state} />
                  <TimelinessTag value={w.timeliness} />
                  <Typography.Text type="secondary">截止 {w.deadline} · {sourceLabel(w.sourceKind)} · {w.ownerOrg.name}</Typography.Text>
                </Space>
              </div>
            </List.Item>
          )}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />}
    </Card>
  );
}

/** 我的事项: what I must do soon, what is late, and what waits for my sign-off. Works on a phone. */
export function MyItemsPage() {
  const mine = useQuery({ queryKey: workItemKeys.mine, queryFn: () => api.get<{ dueSoon: WorkItem[]; overdue: WorkItem[]; toVerify: WorkItem[] }>('/api/v1/me/work-items') });
  return (
    <>
      <PageHeader title="我的事项" />
      {mine.error && <Typography.Text type="danger">{errorMessage(mine.error)}</Typography.Text>}
      <div className="my-items">
        <ItemList title="已逾期" items={mine.data?.overdue} empty="没有逾期事项" />
        <ItemList title="三天内到期" items={mine.data?.dueSoon} empty="近期没有到期事项" />
        <ItemList title="待我验收销号" items={mine.data?.toVerify} empty="没有待验收的事项" />
      </div>
    </>
  );
}
