import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Form, Segmented, Space, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { PagedTable } from '../app/PagedTable';
import { usePaging } from '../app/paging';
import { orgTypeLabels, type OrgType } from '../app/labels';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { StateTag } from './WorkItemTags';
import { clock, promptKeys, promptKindLabels, receiptFilters, type PromptDetail, type Receipt } from './prompt-api';

/** One prompt: what it says, fanning it out to a subtree, and the receipt board (who has not acknowledged or reported). */
export function PromptDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [status, setStatus] = useState('');
  const [paging, setPaging] = usePaging(50, status);
  const [fanning, setFanning] = useState(false);
  const feedback = useFeedback();
  const prompt = useQuery({ queryKey: promptKeys.detail(id), queryFn: () => api.get<PromptDetail>(`/api/v1/work-prompts/${id}`) });
  const receipts = useQuery({
    queryKey: promptKeys.receipts(id, status, paging.page),
    queryFn: () => api.get<Page<Receipt>>(`/api/v1/work-prompts/${id}/receipts`, { status, ...paging }),
  });
  const p = prompt.data;
  const reload = () => void qc.invalidateQueries({ queryKey: promptKeys.all });

  return (
    <>
      <PageHeader
        title={p?.title ?? '工作提示'}
        actions={<Button type="primary" icon={<SendOutlined />} onClick={() => setFanning(true)} disabled={!p}>下发</Button>}
      >
        {p && <Space size={4}><Tag color={p.kind === 'monthly' ? 'blue' : 'purple'}>{promptKindLabels[p.kind]}</Tag>
          <Typography.Text type="secondary">{p.orgName} · 反馈截止 {p.deadline} · {p.issuedOn ? `${p.issuedOn} 下发至${p.targetOrgName ?? ''}` : '未下发'}</Typography.Text></Space>}
      </PageHeader>
      {prompt.error && <Typography.Text type="danger">{errorMessage(prompt.error)}</Typography.Text>}
      {p && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.body}</Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, md: 5 }} items={[
            { label: '反馈要求', children: p.requiredEvidence ?? '—' },
            { label: '接收组织', children: p.counts.receivers },
            { label: '已签收', children: p.counts.acknowledged },
            { label: '已反馈', children: p.counts.reported },
            { label: '已销号', children: p.counts.signedOff },
          ]} />
        </Card>
      )}
      <Card title="签收反馈情况" extra={<Segmented value={status} onChange={(v) => setStatus(String(v))} options={receiptFilters.map((f) => ({ value: f.key, label: f.label }))} />}>
        <PagedTable<Receipt> rowKey="orgId" size="small"
          list={receipts} paging={paging} onPaging={setPaging} emptyText="没有符合条件的组织" pagination={{ showSizeChanger: false }}
          columns={[
            { title: '接收组织', dataIndex: 'orgName' },
            { title: '类型', dataIndex: 'orgType', width: 80, render: (t: OrgType) => orgTypeLabels[t] },
            { title: '状态', dataIndex: 'state', width: 100, render: (s: Receipt['state'], r) => <Space size={2}><StateTag state={s} />{r.overdue && <Tag color="error">逾期</Tag>}</Space> },
            { title: '签收时间', dataIndex: 'acknowledgedAt', width: 150, render: clock },
            { title: '反馈时间', dataIndex: 'reportedAt', width: 150, render: clock },
            { title: '', key: 'open', width: 90, render: (_: unknown, r) => <Link to={`/work-items/${r.workItemId}`}>{r.state === 'submitted' ? '审核销号' : '查看'}</Link> },
          ]}
        />
      </Card>
      {fanning && (
        <FormDialog<{ targetOrgId: number }, { created: number; existing: number }>
          title="下发工作提示"
          okText="下发"
          submit={(v) => api.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [v.targetOrgId] })}
          onSuccess={(r) => { reload(); void qc.invalidateQueries({ queryKey: promptKeys.detail(id) }); setStatus(''); feedback.success(`已下发 ${r.created} 个组织${r.existing ? `，${r.existing} 个组织此前已收到` : ''}`); }}
          onClose={() => setFanning(false)}
        >
          <Typography.Paragraph type="secondary">选择范围内的党委、党总支、党支部各收到一条事项（不下发到党小组）；已收到的组织不会重复下发。</Typography.Paragraph>
          <Form.Item name="targetOrgId" label="下发范围" rules={[{ required: true, message: '请选择下发范围' }]}>
            <OrgTreeSelect aria-label="下发范围" types={['working_committee', 'committee', 'general_branch', 'branch']} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
