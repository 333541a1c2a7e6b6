import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Form, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { StateTag } from './WorkItemTags';
import { workItemKeys } from './api';
import { clock, promptKeys, promptKindLabels, type ReceivedPrompt } from './prompt-api';

const move = (workItemId: number, body: unknown) => api.post(`/api/v1/work-items/${workItemId}/transitions`, body);

/** 收到的工作提示: the secretary acknowledges (签收) and reports back (反馈); files go on the item's own page. Works on a phone. */
export function ReceivedPromptsPage() {
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [open, setOpen] = useState<'1' | ''>('1');
  const [reporting, setReporting] = useState<ReceivedPrompt | null>(null);
  const received = useQuery({
    queryKey: [...promptKeys.received, open],
    queryFn: () => api.get<Page<ReceivedPrompt>>('/api/v1/work-prompts/received', { open: open || undefined, pageSize: 100 }),
  });
  const reload = () => {
    void qc.invalidateQueries({ queryKey: promptKeys.received });
    void qc.invalidateQueries({ queryKey: workItemKeys.mine });
  };
  const acknowledge = useMutation({
    mutationFn: (r: ReceivedPrompt) => move(r.workItemId, { to: 'in_progress' }),
    onSuccess: () => { reload(); feedback.success('已签收'); },
    onError: (e) => feedback.fail(e, { onReload: reload }),
  });

  return (
    <>
      <PageHeader title="收到的工作提示" actions={<Segmented value={open} onChange={(v) => setOpen(v as '1' | '')} options={[{ value: '1', label: '待办' }, { value: '', label: '全部' }]} />} />
      {received.error && <Typography.Text type="danger">{errorMessage(received.error)}</Typography.Text>}
      <Card size="small">
        {received.data?.items.length ? (
          <List
            dataSource={received.data.items}
            renderItem={(r) => (
              <List.Item key={r.workItemId} className="received-prompt">
                <div style={{ width: '100%' }}>
                  <Space size={4} wrap>
                    <Tag color={r.kind === 'monthly' ? 'blue' : 'purple'}>{promptKindLabels[r.kind]}</Tag>
                    <Typography.Text strong>{r.title}</Typography.Text>
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
                    {r.issuerName} {r.issuedOn} 下发 · 接收：{r.orgName} · 反馈截止 {r.deadline}{r.overdue && <Tag color="error" style={{ marginLeft: 6 }}>已逾期</Tag>}
                  </Typography.Paragraph>
                  <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>{r.body}</Typography.Paragraph>
                  <Space size={8} wrap>
                    <StateTag state={r.state} />
                    {r.acknowledgedAt && <Typography.Text type="secondary">签收 {clock(r.acknowledgedAt)}</Typography.Text>}
                    {r.reportedAt && <Typography.Text type="secondary">反馈 {clock(r.reportedAt)}</Typography.Text>}
                    {r.state === 'assigned' && <Button type="primary" size="small" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(r)}>签收</Button>}
                    {(r.state === 'in_progress' || r.state === 'returned') && <Button type="primary" size="small" onClick={() => setReporting(r)}>反馈</Button>}
                    <Link to={`/work-items/${r.workItemId}`}>详情与附件</Link>
                  </Space>
                </div>
              </List.Item>
            )}
          />
        ) : <Empty description={open ? '没有待办的工作提示' : '暂无工作提示'} />}
      </Card>
      {reporting && (
        <FormDialog<{ text: string }>
          title={`反馈：${reporting.title}`}
          okText="提交反馈"
          submit={(v) => move(reporting.workItemId, { to: 'submitted', evidence: { text: v.text } })}
          successText="已提交反馈，等待工委销号"
          onSuccess={reload}
          onClose={() => setReporting(null)}
        >
          {reporting.requiredEvidence && <Typography.Paragraph type="secondary">反馈要求：{reporting.requiredEvidence}（照片等附件可在“详情与附件”中上传）</Typography.Paragraph>}
          <Form.Item name="text" label="落实情况" rules={[{ required: true, message: '请填写落实情况' }]}>
            <Input.TextArea rows={5} maxLength={5000} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
