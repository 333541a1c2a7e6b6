import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Dropdown, Empty, Result, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { DownOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { errorMessage, useFeedback } from '../app/feedback';
import { childTypes, labelOf, officerPositionLabels, orgStatusLabels, orgTypeLabels } from '../app/labels';
import { orgKeys, useOrg, useOrgIndex, type OrgDetail, type OrgOfficer } from './api';
import { OrgFormDrawer } from './OrgFormDrawer';
import { DissolveDialog, MergeDialog, MoveDialog } from './OrgDialogs';
import { FindingAlerts } from './FindingAlerts';
import { eventText, eventTitle } from './events';

type Dialog = 'edit' | 'create' | 'move' | 'merge' | 'dissolve' | null;

const h3 = { fontSize: 16, marginTop: 20 };

/** The selected organisation: what it is, its findings, its officers and its history, with the actions on it. */
export function OrgDetailPanel({ id }: { id: number }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const org = useOrg(id);
  const readable = useOrgIndex();
  const [dialog, setDialog] = useState<Dialog>(null);
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/orgs/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      feedback.success('已删除');
      navigate('/orgs', { replace: true });
    },
    onError: (e) => feedback.fail(e),
  });

  if (org.isLoading) return <Card><Skeleton active /></Card>;
  if (org.isError || !org.data) return <Card><Result status="warning" title={errorMessage(org.error)} /></Card>;
  const o: OrgDetail = org.data;
  const active = o.status === 'active';
  const writable = can('org.write') && active;

  const onMore = (key: string) => {
    if (key !== 'delete') {
      setDialog(key as Dialog);
      return;
    }
    modal.confirm({
      title: `删除“${o.name}”？`,
      content: '删除仅用于误录入且从未使用的党组织；已有党员、下级组织或历史的组织请办理撤销。',
      okText: '删除', cancelText: '取消', okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(),
    });
  };

  return (
    <>
      <Card
        title={(
          <Space wrap>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>{o.name}</Typography.Title>
            <Tag color="red">{orgTypeLabels[o.type]}</Tag>
            {!active && <Tag>{labelOf(orgStatusLabels, o.status)}</Tag>}
          </Space>
        )}
        extra={(
          <Space wrap className="no-print">
            {can('member.read') && (
              <Button icon={<TeamOutlined />} onClick={() => navigate(`/members?orgId=${o.id}`)}>查看党员</Button>
            )}
            {writable && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>编辑</Button>}
            {writable && childTypes[o.type].length > 0 && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>新建下级组织</Button>
            )}
            {writable && o.parentId !== null && (
              <Dropdown
                menu={{
                  items: [
                    { key: 'move', label: '调整隶属关系' },
                    { key: 'merge', label: '合并到其他组织' },
                    { type: 'divider' },
                    { key: 'dissolve', label: '撤销组织', danger: true },
                    { key: 'delete', label: '删除（误录入）', danger: true },
                  ],
                  onClick: (e) => onMore(e.key),
                }}
              >
                <Button>更多操作 <DownOutlined /></Button>
              </Dropdown>
            )}
          </Space>
        )}
      >
        {!active && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }}
            title={`该组织已于 ${o.closedOn ?? ''} ${labelOf(orgStatusLabels, o.status)}，仅供查阅历史。`} />
        )}
        <FindingAlerts findings={o.findings} />
        <Descriptions
          size="small"
          bordered
          column={2}
          styles={{ label: { width: 110 } }}
          items={[
            { key: 'type', label: '组织类型', children: orgTypeLabels[o.type] },
            {
              key: 'parent', label: '上级组织',
              // A parent outside the caller's scope is named, not linked: it would only answer 404.
              children: o.parentId && readable.has(o.parentId) ? <Link to={`/orgs/${o.parentId}`}>{o.parentName}</Link> : (o.parentName ?? '—'),
            },
            {
              key: 'units', label: '服务单位', span: 2,
              children: o.units.length ? o.units.map((u) => u.name).join('、') : '—',
            },
            { key: 'members', label: '党员人数', children: `${o.memberCount} 人（正式党员 ${o.fullMemberCount} 人，含下级组织）` },
            { key: 'founded', label: '成立日期', children: o.foundedOn ?? '—' },
            {
              key: 'term', label: '本届任期', span: 2,
              children: o.termStart ? `${o.termStart} 至 ${o.termEnd ?? '—'}（${o.termYears ?? '—'} 年）` : '—',
            },
            ...(o.notes ? [{ key: 'notes', label: '备注', span: 2, children: o.notes }] : []),
          ]}
        />

        <Typography.Title level={3} style={h3}>{o.type === 'group' ? '党小组组长' : '班子成员'}</Typography.Title>
        <Table<OrgOfficer>
          size="small"
          rowKey={(r) => `${r.memberId}-${r.position}`}
          dataSource={o.officers}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记" /> }}
          columns={[
            { title: '职务', dataIndex: 'position', render: (p: string, r) => r.title || labelOf(officerPositionLabels, p) },
            {
              title: '姓名', dataIndex: 'memberName',
              render: (n: string, r) => (can('member.read') ? <Link to={`/members/${r.memberId}`}>{n}</Link> : n),
            },
            { title: '任职时间', dataIndex: 'since', render: (v: string | null) => v ?? '—' },
          ]}
        />

        <Typography.Title level={3} style={h3}>沿革</Typography.Title>
        {o.events.length === 0 ? <Typography.Text type="secondary">暂无记录</Typography.Text> : (
          <Timeline
            items={o.events.map((e) => ({
              key: e.id,
              content: (
                <>
                  <Typography.Text strong>{e.onDate} {eventTitle(e)}</Typography.Text>
                  <div><Typography.Text type="secondary">{eventText(e)}{e.userName ? `（${e.userName}）` : ''}</Typography.Text></div>
                </>
              ),
            }))}
          />
        )}
      </Card>

      {(dialog === 'edit' || dialog === 'create') && (
        <OrgFormDrawer mode={dialog} org={o} onClose={() => setDialog(null)} onCreated={(newId) => navigate(`/orgs/${newId}`)} />
      )}
      {dialog === 'move' && <MoveDialog org={o} onClose={() => setDialog(null)} />}
      {dialog === 'merge' && <MergeDialog org={o} onClose={() => setDialog(null)} />}
      {dialog === 'dissolve' && <DissolveDialog org={o} onClose={() => setDialog(null)} />}
    </>
  );
}
