import { useMemo } from 'react';
import { Alert, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { DateInput, today } from '../app/DateInput';
import { FormDialog } from '../app/FormDialog';
import { childTypes, orgTypeLabels } from '../app/labels';
import { memberKeys } from '../members/api';
import { orgKeys, subtreeIds, useOrgTree, type OrgDetail, type OrgTreeNode } from './api';
import { OrgTreeSelect } from './OrgTreeSelect';

interface DialogProps {
  org: OrgDetail;
  onClose: () => void;
}

/** Every structural change moves the tree, the details, the findings and the members' organisations at once. */
function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: orgKeys.all });
    void qc.invalidateQueries({ queryKey: memberKeys.all });
  };
}

/** Organisations outside `org`'s own subtree: it cannot move or merge into itself. */
function useOutside(org: OrgDetail) {
  const tree = useOrgTree();
  return useMemo(() => {
    const inside = subtreeIds(tree.data ?? [], org.id);
    return (o: OrgTreeNode) => !inside.has(o.id);
  }, [tree.data, org.id]);
}

export function MoveDialog({ org, onClose }: DialogProps) {
  const refresh = useRefresh();
  const outside = useOutside(org);
  return (
    <FormDialog<{ parentId: number; onDate: string }>
      title={`调整隶属关系：${org.name}`}
      initialValues={{ onDate: today() }}
      submit={(v) => api.post(`/api/v1/orgs/${org.id}/move`, { ...v, version: org.version })}
      onSuccess={refresh}
      onReload={refresh}
      successText="已调整隶属关系"
      onClose={onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="下级组织和党员随之一起移动，历史隶属关系仍可查询。" />
      <Form.Item label="新的上级党组织" name="parentId" rules={[{ required: true, message: '请选择新的上级党组织' }]}>
        <OrgTreeSelect selectable={(o) => outside(o) && o.id !== org.parentId && childTypes[o.type].includes(org.type)} />
      </Form.Item>
      <Form.Item label="生效日期" name="onDate" rules={[{ required: true, message: '请选择生效日期' }]}><DateInput /></Form.Item>
    </FormDialog>
  );
}

export function MergeDialog({ org, onClose }: DialogProps) {
  const refresh = useRefresh();
  const outside = useOutside(org);
  return (
    <FormDialog<{ intoId: number; onDate: string }>
      title={`合并：${org.name}`}
      okText="合并"
      danger
      initialValues={{ onDate: today() }}
      submit={(v) => api.post(`/api/v1/orgs/${org.id}/merge`, { ...v, version: org.version })}
      onSuccess={refresh}
      onReload={refresh}
      successText="已合并"
      onClose={onClose}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }}
        title={`${org.name}的党员和下级组织将并入所选组织，本组织标记为“已合并”，历史记录保留。`} />
      <Form.Item
        label="并入的党组织"
        name="intoId"
        extra={`只能并入同类组织（${orgTypeLabels[org.type]}）${org.type === 'group' ? '，党小组也可并回党支部' : ''}。`}
        rules={[{ required: true, message: '请选择并入的党组织' }]}
      >
        <OrgTreeSelect selectable={(o) => outside(o) && (o.type === org.type || (org.type === 'group' && o.type === 'branch'))} />
      </Form.Item>
      <Form.Item label="合并日期" name="onDate" rules={[{ required: true, message: '请选择合并日期' }]}><DateInput /></Form.Item>
    </FormDialog>
  );
}

export function DissolveDialog({ org, onClose }: DialogProps) {
  const refresh = useRefresh();
  return (
    <FormDialog<{ onDate: string; reason: string }>
      title={`撤销组织：${org.name}`}
      okText="撤销"
      danger
      initialValues={{ onDate: today() }}
      submit={(v) => api.post(`/api/v1/orgs/${org.id}/dissolve`, { ...v, version: org.version })}
      onSuccess={refresh}
      onReload={refresh}
      successText="已撤销"
      onClose={onClose}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }}
        title="撤销前请先将党员转入其他组织或办理转出；组织记录和历史将保留。" />
      <Form.Item label="撤销日期" name="onDate" rules={[{ required: true, message: '请选择撤销日期' }]}><DateInput /></Form.Item>
      <Form.Item label="撤销原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
