import { useState } from 'react';
import { Button, Card, List, Select, Space, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import { useFeedback } from '../app/feedback';
import { attachmentLabels, type ActivityDetail, type AttachmentCategory } from './activity-api';

/** 附件: photos, the scanned sign-in sheet and documents, kept for the year's bound record. */
export function AttachmentsCard({ a, writable, onSaved }: { a: ActivityDetail; writable: boolean; onSaved: () => void }) {
  const feedback = useFeedback();
  const [category, setCategory] = useState<AttachmentCategory>('photo');
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const stored = await api.upload<{ id: number }>('/api/v1/files', file, { fields: { ownerKind: 'activity', ownerId: a.id } });
      return api.post(`/api/v1/activities/${a.id}/attachments`, { fileId: stored.id, category });
    },
    onSuccess: () => { feedback.success('附件已添加'); onSaved(); },
    onError: (e) => feedback.fail(e),
  });
  const download = (fileId: number, name: string) => api.download('GET', `/api/v1/files/${fileId}`, { fallbackName: name }).catch((e) => feedback.fail(e));
  return (
    <Card title="附件" style={{ marginTop: 16 }} extra={writable && a.state !== 'cancelled' && (
      <Space>
        <Select<AttachmentCategory> aria-label="附件类别" size="small" style={{ width: 110 }} value={category} onChange={setCategory}
          options={Object.entries(attachmentLabels).map(([value, label]) => ({ value, label }))} />
        <Upload showUploadList={false} accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx" beforeUpload={(f) => { upload.mutate(f); return false; }}>
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>上传</Button>
        </Upload>
      </Space>
    )}>
      <List size="small" dataSource={a.attachments} locale={{ emptyText: '暂无附件' }}
        renderItem={(f) => (
          <List.Item actions={[<Button key="d" type="link" icon={<DownloadOutlined />} onClick={() => download(f.fileId, f.name)}>下载</Button>]}>
            <Tag>{attachmentLabels[f.category]}</Tag>{f.name}
          </List.Item>
        )} />
    </Card>
  );
}
