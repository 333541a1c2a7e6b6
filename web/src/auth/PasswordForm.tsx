import { Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import type { Me } from '../app/auth';
import { useFeedback } from '../app/feedback';

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Changing one's own password: at first login (one-time password), when it has expired, or from the header.
 * The server decides the policy (length, classes, history) and names what failed.
 */
export function PasswordForm({ onDone, submitText = '修改密码' }: { onDone: (me: Me) => void; submitText?: string }) {
  const [form] = Form.useForm<PasswordChange>();
  const feedback = useFeedback();
  const change = useMutation({
    mutationFn: (v: PasswordChange) => api.post<Me>('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: (me) => {
      feedback.success('密码已修改');
      onDone(me);
    },
    onError: (e) => feedback.fail(e, { form }),
  });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)}>
      <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 8 位（管理员 12 位），包含大写字母、小写字母、数字、符号中的至少三类，且不能与最近使用过的密码相同。"
        rules={[{ required: true, message: '请输入新密码' }, { min: 8, message: '新密码至少 8 位' }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending}>{submitText}</Button>
    </Form>
  );
}
