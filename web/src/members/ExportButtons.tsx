import { useState } from 'react';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { FormDialog } from '../app/FormDialog';
import { useFeedback } from '../app/feedback';
import { filterQuery, type MemberFilters } from './api';

type Format = 'xlsx' | 'csv';

function exportMembers(filters: MemberFilters, format: Format, reason?: string) {
  return api.download('GET', '/api/v1/members/export', {
    query: { ...filterQuery(filters), format, reveal: reason ? true : undefined, reason },
    fallbackName: `党员名册.${format}`,
  });
}

/** Export of the list as filtered: masked by default; full values only with permission and a stated reason. */
export function ExportButtons({ filters }: { filters: MemberFilters }) {
  const { can } = useAuth();
  const feedback = useFeedback();
  const [busy, setBusy] = useState<Format | null>(null);
  const [fullOpen, setFullOpen] = useState(false);

  const run = async (format: Format) => {
    setBusy(format);
    try {
      await exportMembers(filters, format);
    } catch (e) {
      feedback.fail(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void run('xlsx')}>导出 Excel</Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} disabled={busy !== null} onClick={() => void run('csv')}>导出 CSV</Button>
      {can('member.reveal') && <Button onClick={() => setFullOpen(true)}>导出完整信息</Button>}
      {fullOpen && (
        <FormDialog<{ format: Format; reason: string }>
          title="导出完整信息"
          okText="导出"
          initialValues={{ format: 'xlsx' }}
          submit={(v) => exportMembers(filters, v.format, v.reason.trim())}
          successText="已开始下载"
          onClose={() => setFullOpen(false)}
        >
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title="导出的文件将包含完整的身份证号和联系电话，导出行为记入审计日志。请妥善保管文件，用后及时删除。" />
          <Form.Item label="文件格式" name="format">
            <Radio.Group options={[{ value: 'xlsx', label: 'Excel（xlsx）' }, { value: 'csv', label: 'CSV' }]} />
          </Form.Item>
          <Form.Item label="导出原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写导出原因' }, { max: 200 }]}>
            <Input placeholder="如：报送年度党内统计" />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
