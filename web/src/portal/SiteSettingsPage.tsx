import { useState } from 'react';
import { Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Spin, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { fetchDisclaimers, portalKeys, type Disclaimer } from './api';

export interface SiteSettings {
  name: string;
  sponsor: string | null;
  supervisor: string | null;
  copyright: string | null;
  contact: string | null;
  icpFiling: string | null;
  policeFiling: string | null;
  allowedImageHosts: string[];
  version: number;
}

const SETTINGS_URL = '/api/v1/site-settings';
const settingsKey = ['portal', 'site-settings'] as const;

/** 网站设置: what the public site's masthead and footer show, and the disclaimer templates reprints choose from. */
export function SiteSettingsPage() {
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api.get<SiteSettings>(SETTINGS_URL) });
  return (
    <>
      <PageHeader title="网站设置" actions={<Button href="/" target="_blank">打开门户</Button>} />
      {settings.data ? <SettingsForm key={settings.data.version} settings={settings.data} /> : <Spin />}
      <DisclaimersCard />
    </>
  );
}

function SettingsForm({ settings }: { settings: SiteSettings }) {
  const [form] = Form.useForm<SiteSettings>();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const reload = () => void qc.invalidateQueries({ queryKey: settingsKey });
  const save = useMutation({
    mutationFn: (v: SiteSettings) => api.patch<SiteSettings>(SETTINGS_URL, { ...v, version: settings.version }),
    onSuccess: (s) => {
      qc.setQueryData(settingsKey, s);
      // the preview frames the article in the site's masthead and footer
      void qc.invalidateQueries({ queryKey: ['portal', 'site-frame'] });
      feedback.success('网站设置已保存');
    },
    onError: (e) => feedback.fail(e, { form, onReload: reload }),
  });
  const text = (name: keyof SiteSettings, label: string, placeholder?: string) => (
    <Col xs={24} lg={12}>
      <Form.Item name={name} label={label}>
        <Input maxLength={200} placeholder={placeholder} />
      </Form.Item>
    </Col>
  );
  return (
    <Card title="站点信息" size="small">
      <Form<SiteSettings> form={form} name="site" layout="vertical" initialValues={settings} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="name" label="网站名称" rules={[{ required: true, whitespace: true, message: '请填写网站名称' }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          {text('sponsor', '主办单位', '如：中共××区直属机关工作委员会')}
          {text('supervisor', '主管单位')}
          {text('copyright', '版权声明', '如：版权所有 © 2026 ××区直属机关工委')}
          {text('contact', '联系方式', '地址、电话、邮箱')}
          {text('icpFiling', 'ICP 备案号', '如：京ICP备12345678号')}
          {text('policeFiling', '公安备案号', '如：京公网安备 11010102000001号')}
          <Col xs={24} lg={12}>
            <Form.Item name="allowedImageHosts" label="允许引用图片的外部域名" tooltip="正文中的图片只能来自本站或这里列出的域名">
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="如：www.gov.cn" open={false} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
      </Form>
    </Card>
  );
}

function DisclaimersCard() {
  const qc = useQueryClient();
  const feedback = useFeedback();
  const disclaimers = useQuery({ queryKey: portalKeys.disclaimers, queryFn: fetchDisclaimers });
  const [editing, setEditing] = useState<Disclaimer | 'new' | null>(null);
  const reload = () => void qc.invalidateQueries({ queryKey: portalKeys.disclaimers });
  const remove = useMutation({
    mutationFn: (d: Disclaimer) => api.delete(`/api/v1/disclaimers/${d.id}`, { version: d.version }),
    onSuccess: () => { reload(); feedback.success('已删除'); },
    onError: (e) => feedback.fail(e, { onReload: reload }),
  });
  return (
    <Card
      title="免责声明模板"
      size="small"
      style={{ marginTop: 16 }}
      extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建模板</Button>}
    >
      <Table<Disclaimer>
        rowKey="id"
        size="small"
        pagination={false}
        loading={disclaimers.isLoading}
        dataSource={disclaimers.data?.items}
        columns={[
          { title: '名称', dataIndex: 'name', width: 180 },
          { title: '内容', dataIndex: 'body' },
          {
            title: '操作', key: 'ops', width: 120, render: (_: unknown, d) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(d)}>编辑</Button>
                <Popconfirm title="删除这个模板？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(d)}>
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <FormDialog<{ name: string; body: string }>
          title={editing === 'new' ? '新建免责声明' : '编辑免责声明'}
          initialValues={editing === 'new' ? {} : editing}
          submit={(v) => (editing === 'new'
            ? api.post('/api/v1/disclaimers', v)
            : api.patch(`/api/v1/disclaimers/${editing.id}`, { ...v, version: editing.version }))}
          successText="已保存"
          onSuccess={reload}
          onReload={reload}
          onClose={() => setEditing(null)}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input maxLength={40} placeholder="如：转载声明" />
          </Form.Item>
          <Form.Item name="body" label="内容" rules={[{ required: true, whitespace: true, message: '请填写内容' }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </FormDialog>
      )}
    </Card>
  );
}
