import { useNavigate } from 'react-router';
import { Button, Card, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { memberKeys, type MemberDetail, type MemberFormValues } from './api';
import { MemberForm } from './MemberForm';
import { compactValues } from './member-values';

export function MemberCreatePage() {
  const [form] = Form.useForm<MemberFormValues>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const create = useMutation({
    mutationFn: (v: MemberFormValues) => api.post<MemberDetail>('/api/v1/members', compactValues(v)),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: memberKeys.all });
      feedback.success('已新增党员');
      navigate(`/members/${m.id}`, { replace: true });
    },
    onError: (e) => feedback.fail(e, { form }),
  });

  return (
    <>
      <PageHeader
        title="新增党员"
        actions={(
          <>
            <Button onClick={() => navigate(-1)}>取消</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>保存</Button>
          </>
        )}
      />
      <Card>
        <MemberForm form={form} editing={false} initialValues={{ ethnicity: '汉族', status: 'full', ledgers: [] }} onFinish={(v) => create.mutate(v)} />
      </Card>
    </>
  );
}
