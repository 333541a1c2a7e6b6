import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Form, Input, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { DateInput } from '../app/DateInput';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { StateTag } from './WorkItemTags';
import type { WorkItemState } from './api';
import { dutyKeys, holderRoleLabels, progressBar, type DutyProgress } from './duty-lists';

interface Duty { workItemId: number; title: string; deadline: string; state: WorkItemState; overdue: boolean }
interface Detail { id: number; year: number; holderRole: 'unit_secretary' | 'secretary'; holderName: string; orgName: string; unitName: string | null; progress: DutyProgress; duties: Duty[] }

/** One secretary's list: each duty with its state; the committee adds a duty for this person. */
export function DutyListDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: [...dutyKeys.all, id], queryFn: () => api.get<Detail>(`/api/v1/duty-lists/${id}`) });
  const d = list.data;
  return (
    <>
      <PageHeader title={d ? `${d.holderName} ${d.year} 年党建责任清单` : '责任清单'}
        actions={can('workitem.assign') && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>增加责任事项</Button>} />
      {list.error && <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>}
      {d && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
            { label: '职务', children: holderRoleLabels[d.holderRole] },
            { label: '单位 / 组织', children: d.unitName ?? d.orgName },
            { label: '完成进度', children: <div style={{ width: 180 }}>{progressBar(d.progress)}</div> },
            { label: '逾期', children: d.progress.overdue },
          ]} />
        </Card>
      )}
      <Card size="small">
        <Table<Duty> rowKey="workItemId" size="small" pagination={false} loading={list.isLoading} dataSource={d?.duties} columns={[
          { title: '责任事项', dataIndex: 'title', render: (t: string, r) => <Link to={`/work-items/${r.workItemId}`}>{t}</Link> },
          { title: '完成时限', dataIndex: 'deadline', width: 110 },
          { title: '状态', dataIndex: 'state', width: 140, render: (s: WorkItemState, r) => <>{<StateTag state={s} />}{r.overdue && <Tag color="error">逾期</Tag>}</> },
        ]} />
      </Card>
      {adding && (
        <FormDialog<{ title: string; deadline: string; requiredEvidence?: string }>
          title="增加责任事项"
          submit={(v) => api.post(`/api/v1/duty-lists/${id}/duties`, { ...v, requiredEvidence: v.requiredEvidence || null })}
          successText="责任事项已增加"
          onSuccess={() => void qc.invalidateQueries({ queryKey: dutyKeys.all })}
          onClose={() => setAdding(false)}
        >
          <Form.Item name="title" label="责任事项" rules={[{ required: true, message: '请填写责任事项' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}><DateInput /></Form.Item>
          <Form.Item name="requiredEvidence" label="佐证材料要求"><Input maxLength={500} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
