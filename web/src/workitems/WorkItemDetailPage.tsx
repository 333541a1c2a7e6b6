import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Card, Checkbox, Descriptions, Form, Input, Space, Timeline, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import {
  moveLabels, sourceLabel, stateLabels, workItemKeys, type WorkItemDetail, type WorkItemState,
} from './api';
import { StateTag, TimelinessTag } from './WorkItemTags';

interface StoredFile { id: number; name: string; size: number }
interface MoveValues { comment?: string; text?: string; fileIds?: number[] }

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const commentLabel: Partial<Record<WorkItemState, string>> = { signed_off: '销号意见', returned: '退回理由', cancelled: '撤销理由', in_progress: '重新办理的原因' };

/** One item: its fields, the moves the caller may make, evidence files and the full history. */
export function WorkItemDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const [moving, setMoving] = useState<WorkItemState | null>(null);
  const detail = useQuery({ queryKey: workItemKeys.detail(id), queryFn: () => api.get<WorkItemDetail>(`/api/v1/work-items/${id}`) });
  const files = useQuery({
    queryKey: ['files', 'work_item', id],
    queryFn: () => api.get<{ items: StoredFile[] }>('/api/v1/files', { ownerKind: 'work_item', ownerId: id }),
    enabled: can('workitem.read'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: workItemKeys.all });
  const w = detail.data;
  if (!w) return <><PageHeader title="事项详情" />{detail.error && <Typography.Text type="danger">{errorMessage(detail.error)}</Typography.Text>}</>;

  const needsDialog = (to: WorkItemState) => to === 'submitted' || !!commentLabel[to] && !(to === 'in_progress' && w.state !== 'signed_off');
  const moveNow = (to: WorkItemState) => api.post(`/api/v1/work-items/${id}/transitions`, { to }).then(refresh, (e) => feedback.fail(e));
  const upload = (file: File) => {
    api.upload('/api/v1/files', file, { fields: { ownerKind: 'work_item', ownerId: id } })
      .then(() => { feedback.success('已上传'); void files.refetch(); }, (e) => feedback.fail(e));
    return false;
  };
  const person = (uid: number | null) => (uid == null ? '—' : w.names[String(uid)] ?? `#${uid}`);

  return (
    <>
      <PageHeader
        title={w.title}
        actions={w.allowedMoves.map((to) => (
          <Button key={to} type={to === 'signed_off' || to === 'submitted' ? 'primary' : 'default'} danger={to === 'cancelled' || to === 'returned'}
            onClick={() => (needsDialog(to) ? setMoving(to) : void moveNow(to))}>
            {to === 'in_progress' && w.state === 'signed_off' ? '重新打开' : moveLabels[to]}
          </Button>
        ))}
      >
        <Space size={4}><StateTag state={w.state} /><TimelinessTag value={w.timeliness} /></Space>
      </PageHeader>
      <Card style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label="来源">{sourceLabel(w.sourceKind)}</Descriptions.Item>
          <Descriptions.Item label="责任党组织">{w.ownerOrg.name}</Descriptions.Item>
          <Descriptions.Item label="责任人">{person(w.responsibleUserId)}</Descriptions.Item>
          <Descriptions.Item label="截止日期">{w.deadline}{w.deadline !== w.requestedDeadline && `（原定 ${w.requestedDeadline}，节假日顺延）`}</Descriptions.Item>
          <Descriptions.Item label="验收">{w.verifierUserId ? person(w.verifierUserId) : w.verifierOrgId ? w.names[String(-w.verifierOrgId)] : '上级工委'}</Descriptions.Item>
          <Descriptions.Item label="交办人">{person(w.createdBy)}</Descriptions.Item>
          <Descriptions.Item label="佐证材料要求">{w.requiredEvidence ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{time(w.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="销号时间">{time(w.closedAt)}</Descriptions.Item>
          {w.description && <Descriptions.Item label="事项说明" span={3}>{w.description}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {can('workitem.read') && (
        <Card title="佐证材料" size="small" style={{ marginBottom: 12 }}
          extra={can('workitem.write') && w.state !== 'signed_off' && w.state !== 'cancelled' && (
            <Upload beforeUpload={upload} showUploadList={false} accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx">
              <Button size="small" icon={<UploadOutlined />}>上传文件</Button>
            </Upload>
          )}>
          {files.data?.items.length ? files.data.items.map((f) => (
            <div key={f.id}><PaperClipOutlined /> <a onClick={() => void api.download('GET', `/api/v1/files/${f.id}`, { fallbackName: f.name }).catch((e) => feedback.fail(e))}>{f.name}</a></div>
          )) : <Typography.Text type="secondary">暂无文件（支持图片、PDF、Word、Excel）</Typography.Text>}
        </Card>
      )}
      <Card title="办理记录" size="small">
        <Timeline items={w.history.map((h) => ({
          key: h.id,
          content: (
            <div>
              <div><b>{h.from ? `${stateLabels[h.from]} → ${stateLabels[h.to]}` : `创建（${stateLabels[h.to]}）`}</b>　{h.userName ?? '系统'}　<Typography.Text type="secondary">{time(h.at)}</Typography.Text></div>
              {h.comment && <div>{h.comment}</div>}
              {h.evidence?.text && <div>佐证说明：{h.evidence.text}</div>}
              {h.evidence?.fileIds && <div>附件 {h.evidence.fileIds.length} 个</div>}
            </div>
          ),
        }))} />
      </Card>
      {moving && (
        <FormDialog<MoveValues>
          title={moving === 'submitted' ? '提交办理结果' : moving === 'in_progress' ? '重新打开' : moveLabels[moving]}
          danger={moving === 'cancelled' || moving === 'returned'}
          successText="已提交"
          submit={(v) => api.post(`/api/v1/work-items/${id}/transitions`, {
            to: moving, comment: v.comment,
            ...(moving === 'submitted' ? { evidence: { text: v.text, fileIds: v.fileIds } } : {}),
          })}
          onSuccess={() => void refresh()}
          onClose={() => setMoving(null)}
        >
          {moving === 'submitted' ? (
            <>
              {w.requiredEvidence && <Typography.Paragraph>要求：{w.requiredEvidence}</Typography.Paragraph>}
              <Form.Item name="text" label="办理情况"><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
              {!!files.data?.items.length && (
                <Form.Item name="fileIds" label="附上文件">
                  <Checkbox.Group options={files.data.items.map((f) => ({ value: f.id, label: f.name }))} />
                </Form.Item>
              )}
              <Form.Item name="comment" label="备注"><Input maxLength={2000} /></Form.Item>
            </>
          ) : (
            <Form.Item name="comment" label={commentLabel[moving] ?? '说明'} rules={[{ required: true, message: '请填写' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </FormDialog>
      )}
    </>
  );
}
