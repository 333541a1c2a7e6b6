import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal, Progress, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useFeedback } from '../app/feedback';
import { reveal, type Revealed } from './api';

/** How long revealed values stay on screen. */
const SHOW_SECONDS = 30;

/**
 * 查看完整信息: asks for a reason, shows the full ID number and phone for a short time, then forgets them.
 * The server audits every reveal; the values never enter the query cache.
 */
export function RevealButton({ memberId, name, compact }: { memberId: number; name: string; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const label = `查看${name}的完整信息`;
  return (
    <>
      {compact ? (
        // In a table row: an icon only, so the fixed 操作 column stays narrow enough for 1366 px screens.
        <Tooltip title="查看完整信息">
          <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={label} />
        </Tooltip>
      ) : (
        <Button icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={label}>查看完整信息</Button>
      )}
      {open && <RevealDialog memberId={memberId} name={name} onClose={() => setOpen(false)} />}
    </>
  );
}

function RevealDialog({ memberId, name, onClose }: { memberId: number; name: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const feedback = useFeedback();
  const [values, setValues] = useState<Revealed | null>(null);
  const [left, setLeft] = useState(SHOW_SECONDS);
  const mutation = useMutation({
    mutationFn: (reason: string) => reveal(memberId, reason),
    onSuccess: (v) => { setValues(v); setLeft(SHOW_SECONDS); },
    onError: (e) => feedback.fail(e, { form }),
  });

  useEffect(() => {
    if (!values) return;
    if (left <= 0) {
      onClose();
      return;
    }
    const t = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [values, left, onClose]);

  return (
    <Modal
      open
      title={`查看完整信息：${name}`}
      onCancel={onClose}
      destroyOnHidden
      okText={values ? '完成' : '查看'}
      onOk={() => (values ? onClose() : form.submit())}
      okButtonProps={{ loading: mutation.isPending }}
      cancelButtonProps={{ style: values ? { display: 'none' } : undefined }}
    >
      {!values ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="查看完整的身份证号和联系电话将记入审计日志，请说明用途。" />
          <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.reason.trim())}>
            <Form.Item label="查看原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写查看原因' }, { max: 200 }]}>
              <Input placeholder="如：办理组织关系转接核对身份" autoFocus />
            </Form.Item>
          </Form>
        </>
      ) : (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="身份证号"><span className="masked" data-testid="revealed-id-number">{values.idNumber ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label="联系电话"><span className="masked" data-testid="revealed-phone">{values.phone ?? '—'}</span></Descriptions.Item>
          </Descriptions>
          <Progress percent={(left / SHOW_SECONDS) * 100} showInfo={false} size="small" style={{ marginTop: 12 }} />
          <div style={{ color: 'rgba(0,0,0,.45)' }}>{left} 秒后自动隐藏</div>
        </>
      )}
    </Modal>
  );
}
