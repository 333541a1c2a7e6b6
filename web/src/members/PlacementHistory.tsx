import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../app/feedback';
import { labelOf, orgStatusLabels } from '../app/labels';
import { memberKeys, placements, type MemberPlacement } from './api';

const nowrap = { whiteSpace: 'nowrap' } as const;

/**
 * 组织关系变动: every organisation the member belonged to, newest first. Names are shown as stored, so an
 * organisation since merged or dissolved is still named, with its status; the parent's name tells apart
 * groups that share a name (第一党小组). An organisation left is not linked: it may lie outside the reader's scope.
 */
export function PlacementHistory({ memberId }: { memberId: number | 'me' }) {
  const list = useQuery({ queryKey: memberKeys.placements(memberId), queryFn: () => placements(memberId) });
  return (
    <Card title="组织关系变动" size="small" style={{ marginTop: 12 }}>
      {list.isError ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} />
      ) : (
        <Table<MemberPlacement>
          size="small"
          rowKey={(p) => `${p.orgId}-${p.from}`}
          loading={list.isLoading}
          pagination={false}
          dataSource={list.data?.items}
          locale={{ emptyText: '暂无组织关系记录' }}
          columns={[
            {
              title: '所在党组织',
              key: 'org',
              render: (_, p) => (
                <>
                  {p.orgName}
                  {p.orgStatus !== 'active' && <Tag style={{ marginLeft: 6 }}>{labelOf(orgStatusLabels, p.orgStatus)}</Tag>}
                  {p.parentName && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{p.parentName}</Typography.Text>}
                </>
              ),
            },
            { title: '起', dataIndex: 'from', width: 104, onCell: () => ({ style: nowrap }) },
            { title: '止', dataIndex: 'to', width: 104, onCell: () => ({ style: nowrap }), render: (to: string | null) => to ?? '至今' },
          ]}
        />
      )}
    </Card>
  );
}
