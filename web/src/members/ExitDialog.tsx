import { Form, Input, Select } from 'antd';
import { api } from '../app/api';
import { DateInput, today } from '../app/DateInput';
import { FormDialog } from '../app/FormDialog';
import { exitReasonLabels, options } from '../app/labels';
import { memberUrl, type MemberDetail } from './api';

/** A member leaves the roster through a dated exit record, never by deletion. */
export function ExitDialog({ member, onClose, onDone }: { member: MemberDetail; onClose: () => void; onDone: () => void }) {
  return (
    <FormDialog<{ reason: string; onDate: string; note?: string }>
      title={`办理离开：${member.name}`}
      okText="确认办理"
      danger
      initialValues={{ onDate: today() }}
      submit={(v) => api.post(`${memberUrl(member.id)}/exit`, { ...v, version: member.version })}
      onSuccess={onDone}
      onReload={onDone}
      successText="已办理"
      onClose={onClose}
    >
      <Form.Item label="离开方式" name="reason" rules={[{ required: true, message: '请选择离开方式' }]}>
        <Select options={options(exitReasonLabels)} />
      </Form.Item>
      <Form.Item label="日期" name="onDate" rules={[{ required: true, message: '请选择日期' }]}><DateInput /></Form.Item>
      <Form.Item label="说明" name="note" extra="如转往的党组织、介绍信编号等"><Input.TextArea rows={3} maxLength={500} /></Form.Item>
    </FormDialog>
  );
}
