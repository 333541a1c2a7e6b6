import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Col, Form, Input, Row } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { AccountSheet } from './AccountSheet';
import { setupKey, setupSheetRows, type SetupResult, type SetupStatus } from './setup';

interface SetupValues {
  rootOrgName: string;
  securityAdmin: { username: string; displayName: string };
  auditAdmin: { username: string; displayName: string };
}

const usernameRules = [
  { required: true, message: '请填写用户名' },
  { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: '应为 3–32 位字母、数字或 _ . -，以字母开头' },
];

function AdminFields({ name, title }: { name: 'securityAdmin' | 'auditAdmin'; title: string }) {
  return (
    <Card size="small" title={title}>
      <Form.Item name={[name, 'username']} label="用户名" rules={usernameRules}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={[name, 'displayName']} label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
    </Card>
  );
}

/**
 * 初始化: on a fresh installation the first system admin sets up the root organisation and the security and
 * audit administrators, then hands over their one-time passwords on the printed sheet.
 */
export function SetupPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [form] = Form.useForm<SetupValues>();
  const [result, setResult] = useState<SetupResult | null>(null);
  const done = useRef(false);
  // The page leaves the menu only when it is left, so the passwords stay on screen until printed.
  useEffect(() => () => {
    if (done.current) qc.setQueryData<SetupStatus>(setupKey, { needed: false });
  }, [qc]);

  const setup = useMutation({
    mutationFn: (v: SetupValues) => api.post<SetupResult>('/api/v1/setup', v),
    onSuccess: (r) => {
      done.current = true;
      setResult(r);
    },
    onError: (e) => feedback.fail(e, { form }),
  });

  if (result) {
    return (
      <AccountSheet
        rows={setupSheetRows(result)}
        skipped={[]}
        onBack={() => navigate('/system/users')}
        notice={`初始化完成：已建立“${result.rootOrg.name}”，并开设安全管理员、安全审计员账号。一次性密码只显示这一次（24 小时内有效），离开本页后无法再次查看，请立即打印并当面交付。`}
      />
    );
  }

  return (
    <>
      <PageHeader title="初始化" />
      <Card>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="系统尚未初始化"
          description="请建立组织树的根（机关工委），并开设安全管理员和安全审计员账号（三员分立：三人不能为同一人）。初始化后，由安全管理员为工委工作人员等用户授予角色；系统管理员负责开设账号。初始化只能进行一次。"
        />
        <Form<SetupValues> form={form} layout="vertical" onFinish={(v) => setup.mutate(v)} style={{ maxWidth: 720 }}>
          <Form.Item name="rootOrgName" label="根组织名称" rules={[{ required: true, whitespace: true, message: '请填写根组织名称' }]}>
            <Input maxLength={100} placeholder="例如：中共××区直属机关工作委员会" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}><AdminFields name="securityAdmin" title="安全管理员" /></Col>
            <Col xs={24} md={12}><AdminFields name="auditAdmin" title="安全审计员" /></Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={setup.isPending} style={{ marginTop: 16 }}>初始化</Button>
        </Form>
      </Card>
    </>
  );
}
