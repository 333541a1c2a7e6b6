import { Alert, Descriptions, Modal, Typography } from 'antd';
import { formatInstant } from '../app/DateInput';

/** Shows a one-time password once, to be handed over in person; it cannot be shown again. */
export function OneTimePasswordModal({ username, displayName, password, expiresAt, onClose }: {
  username: string;
  displayName: string;
  password: string;
  expiresAt: string;
  onClose: () => void;
}) {
  return (
    <Modal open title="一次性密码" onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="该密码只显示这一次，关闭后无法再次查看。用户首次登录时须修改密码。" />
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'name', label: '姓名', children: displayName },
          { key: 'username', label: '用户名', children: <Typography.Text code>{username}</Typography.Text> },
          { key: 'password', label: '一次性密码', children: <Typography.Text code copyable data-testid="one-time-password">{password}</Typography.Text> },
          { key: 'expires', label: '有效期至', children: formatInstant(expiresAt) },
        ]}
      />
    </Modal>
  );
}
