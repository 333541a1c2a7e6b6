import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useFeedback } from './feedback';

/**
 * A modal form that sends one request: server field errors land on the fields, a stale version offers a reload,
 * success closes it. Most actions of the app (move, merge, exit, reset, grant) are one of these.
 */
export function FormDialog<V extends object, R = unknown>({
  title, okText = '确定', danger, initialValues, submit, onSuccess, onClose, onReload, successText, children, width,
}: {
  title: string;
  okText?: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  submit: (values: V) => Promise<R>;
  onSuccess?: (result: R) => void;
  onClose: () => void;
  onReload?: () => void;
  successText?: string;
  children: ReactNode;
  width?: number;
}) {
  const [form] = Form.useForm<V>();
  const feedback = useFeedback();
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (r) => {
      if (successText) feedback.success(successText);
      onSuccess?.(r);
      onClose();
    },
    onError: (e) => feedback.fail(e, { form, onReload: () => { onReload?.(); onClose(); } }),
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => mutation.mutate(v)} style={{ marginTop: 16 }}>
        {children}
      </Form>
    </Modal>
  );
}
