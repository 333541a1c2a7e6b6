import { Checkbox, Col, Divider, Form, Input, Row, Select, type FormInstance } from 'antd';
import { ethnicities } from '../../../server/registry/members/ethnicities';
import { DateInput } from '../app/DateInput';
import { educationLevels, flagLedgers, genderLabels, ledgerLabels, memberStatusLabels, options } from '../app/labels';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { disciplineStatuses, type MemberFormValues } from './api';

const half = { xs: 24, md: 12, xl: 8 };

/**
 * The member's fields, for create and edit. Rules that relate fields (ID number and birth date, probation) are
 * the server's: its field errors come back onto these items by name.
 */
export function MemberForm({ form, initialValues, editing, maskedIdNumber, maskedPhone, onFinish }: {
  form: FormInstance<MemberFormValues>;
  initialValues?: Partial<MemberFormValues>;
  editing: boolean;
  maskedIdNumber?: string;
  maskedPhone?: string | null;
  onFinish: (values: MemberFormValues) => void;
}) {
  const status = Form.useWatch('status', form);
  const discipline = Form.useWatch('disciplineStatus', form);
  return (
    <Form<MemberFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>基本信息</Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label="身份证号"
            name="idNumber"
            rules={editing ? [] : [{ required: true, message: '请输入身份证号' }]}
            extra={editing ? `当前：${maskedIdNumber ?? ''}。不修改请留空。` : '18 位，末位 X 可小写'}
          >
            <Input maxLength={18} autoComplete="off" placeholder={editing ? '不修改请留空' : undefined} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="性别" name="gender" extra="留空则按身份证号填写">
            <Select allowClear options={options(genderLabels)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="民族" name="ethnicity" rules={[{ required: true, message: '请选择民族' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={ethnicities.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="出生日期" name="birthDate" extra="留空则按身份证号填写"><DateInput /></Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="学历" name="education">
            <Select allowClear options={educationLevels.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label="联系电话"
            name="phone"
            extra={editing ? `当前：${maskedPhone ?? '未登记'}。不修改请留空。` : '手机号或固定电话（如 0734-1234567）'}
          >
            <Input autoComplete="off" placeholder={editing ? '不修改请留空' : undefined} />
          </Form.Item>
        </Col>
        <Col xs={24} md={24} xl={16}>
          <Form.Item label="工作单位及职务" name="post"><Input maxLength={200} /></Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">党籍信息</Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="所在党组织" name="orgId" rules={[{ required: true, message: '请选择所在党组织' }]}>
            <OrgTreeSelect types={['branch', 'group']} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="党员类别" name="status" rules={[{ required: true, message: '请选择党员类别' }]}>
            <Select options={options(memberStatusLabels)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="入党时间" name="joinedOn" rules={[{ required: true, message: '请选择入党时间' }]}><DateInput /></Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="转正时间" name="fullOn"><DateInput disabled={status === 'probationary'} /></Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="预备期" name="probationExtended" valuePropName="checked">
            <Checkbox>预备期曾延长</Checkbox>
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="党纪处分" name="disciplineStatus">
            <Select allowClear placeholder="无" options={disciplineStatuses.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </Col>
        {discipline && (
          <Col {...half}>
            <Form.Item label="处分期限" name="disciplineUntil" extra="留党察看期间没有表决权、选举权和被选举权">
              <DateInput />
            </Form.Item>
          </Col>
        )}
      </Row>

      <Divider titlePlacement="start">台账</Divider>
      <div style={{ marginBottom: 16 }}><LedgerFields /></div>

      <Form.Item label="备注" name="notes"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
    </Form>
  );
}

/**
 * Hardship and martyr-family ledgers, each with a reason and date. The veteran ledger is derived from party years
 * by the policy's rule, so it is not entered here.
 */
function LedgerFields() {
  const form = Form.useFormInstance<MemberFormValues>();
  const current = Form.useWatch('ledgers', form) ?? [];
  return (
    <Form.List name="ledgers">
      {(fields, { add, remove }) => {
        return (
          <>
            {flagLedgers.map((ledger) => {
              const index = current.findIndex((l) => l?.ledger === ledger);
              const field = index >= 0 ? fields[index] : undefined;
              return (
                <Row gutter={16} key={ledger} align="top">
                  <Col xs={24} md={6} xl={4} style={{ paddingTop: 6 }}>
                    <Checkbox
                      checked={!!field}
                      onChange={(e) => (e.target.checked ? add({ ledger, reason: null, since: null }) : remove(index))}
                    >
                      {ledgerLabels[ledger]}
                    </Checkbox>
                  </Col>
                  {field && (
                    <>
                      <Col xs={24} md={10} xl={12}>
                        <Form.Item name={[field.name, 'reason']} rules={[{ required: true, whitespace: true, message: '请填写列入原因' }]}>
                          <Input placeholder="列入原因" aria-label={`${ledgerLabels[ledger]}列入原因`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8} xl={8}>
                        <Form.Item name={[field.name, 'since']} rules={[{ required: true, message: '请选择列入日期' }]}>
                          <DateInput placeholder="列入日期" />
                        </Form.Item>
                      </Col>
                    </>
                  )}
                </Row>
              );
            })}
          </>
        );
      }}
    </Form.List>
  );
}
