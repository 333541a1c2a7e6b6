import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { columnOptions, columnTree, fetchColumns, portalKeys, type Column } from './api';

interface ColumnValues {
  name: string;
  slug: string;
  parentId: number | null;
  orgId: number;
  sortOrder: number;
  visible: boolean;
  reviewLevels: number;
}

const reviewLevelOptions = [
  { value: 1, label: '一审' },
  { value: 2, label: '二审' },
  { value: 3, label: '三审' },
];

/** 栏目管理: the column tree with its owner, order, visibility and review levels (三审 where a column needs it). */
export function ColumnsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const columns = useQuery({ queryKey: portalKeys.columns, queryFn: fetchColumns });
  const [editing, setEditing] = useState<Column | 'new' | null>(null);
  const rows = columnTree(columns.data?.items ?? []);
  const reload = () => void qc.invalidateQueries({ queryKey: portalKeys.columns });
  const mayEdit = can('portal.review');
  const feedback = useFeedback();
  const remove = useMutation({
    mutationFn: (c: Column) => api.delete(`/api/v1/columns/${c.id}`, { version: c.version }),
    onSuccess: () => { reload(); feedback.success('栏目已删除'); },
    onError: (e) => feedback.fail(e, { onReload: reload }),
  });

  return (
    <>
      <PageHeader
        title="栏目管理"
        actions={mayEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建栏目</Button>}
      />
      <Card>
        <Table<Column & { depth: number }>
          rowKey="id"
          size="middle"
          loading={columns.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: columns.error ? errorMessage(columns.error) : '暂无栏目' }}
          columns={[
            { title: '栏目名称', dataIndex: 'name', render: (name: string, c) => <span style={{ paddingLeft: c.depth * 24 }}>{name}</span> },
            { title: '地址', dataIndex: 'slug', render: (slug: string) => <a href={`/column/${slug}`} target="_blank" rel="noreferrer">/column/{slug}</a> },
            { title: '所属组织', dataIndex: 'orgName', width: 200 },
            { title: '排序', dataIndex: 'sortOrder', width: 70 },
            { title: '审核', dataIndex: 'reviewLevels', width: 80, render: (n: number) => reviewLevelOptions.find((o) => o.value === n)?.label ?? `${n} 级` },
            { title: '前台显示', dataIndex: 'visible', width: 90, render: (v: boolean) => (v ? <Tag color="success">显示</Tag> : <Tag>隐藏</Tag>) },
            ...(mayEdit ? [{
              title: '操作', key: 'ops', width: 120, render: (_: unknown, c: Column) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(c)}>编辑</Button>
                  <Popconfirm title={`删除栏目“${c.name}”？`} description="栏目中还有文章或下级栏目时不能删除。" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(c)}>
                    <Button type="link" size="small" danger>删除</Button>
                  </Popconfirm>
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>
      {editing && (
        <FormDialog<ColumnValues>
          title={editing === 'new' ? '新建栏目' : `编辑栏目：${editing.name}`}
          initialValues={editing === 'new'
            ? { visible: true, reviewLevels: 1, sortOrder: 0, parentId: null }
            : { ...editing }}
          submit={(v) => (editing === 'new'
            ? api.post<Column>('/api/v1/columns', v)
            : api.patch<Column>(`/api/v1/columns/${editing.id}`, { ...v, version: editing.version }))}
          successText="栏目已保存"
          onSuccess={reload}
          onReload={reload}
          onClose={() => setEditing(null)}
        >
          <Form.Item name="name" label="栏目名称" rules={[{ required: true, message: '请填写栏目名称' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="slug" label="地址（英文、数字、连字符）" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]*$/, message: '请填写小写英文字母、数字或连字符' }]}>
            <Input addonBefore="/column/" maxLength={60} />
          </Form.Item>
          <Form.Item name="parentId" label="上级栏目">
            <Select
              allowClear
              placeholder="无（顶级栏目）"
              options={columnOptions((columns.data?.items ?? []).filter((c) => editing === 'new' || c.id !== editing.id))}
            />
          </Form.Item>
          <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
            <OrgTreeSelect placeholder="选择组织" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="sortOrder" label="排序（小的在前）">
              <InputNumber min={0} max={9999} />
            </Form.Item>
            <Form.Item name="reviewLevels" label="审核级数">
              <Select style={{ width: 100 }} options={reviewLevelOptions} />
            </Form.Item>
            <Form.Item name="visible" label="前台显示" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </FormDialog>
      )}
    </>
  );
}
