import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, Progress, Result, Row, Statistic, Steps, Table, Tabs, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { memberKeys } from './api';
import { downloadIssues, downloadTemplate, newImportId, runImport, useImportProgress, type ImportMode, type ImportReport, type RowIssue } from './import-api';

type Step = 'upload' | 'report' | 'done';
const stepIndex: Record<Step, number> = { upload: 0, report: 1, done: 2 };

/** 名册导入: upload → dry-run report → commit → result. */
export function ImportWizard() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>('upload');
  const [report, setReport] = useState<ImportReport | null>(null);
  // The import the report belongs to: its problem sheet is downloaded under this id.
  const [reportId, setReportId] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [running, setRunning] = useState<{ mode: ImportMode; importId: string; uploaded: number } | null>(null);
  // The server registers the import once the file has arrived: asking earlier would only be answered 404.
  const progress = useImportProgress(running && running.uploaded >= 1 ? running.importId : null);

  const run = useMutation({
    mutationFn: async (mode: ImportMode) => {
      const importId = newImportId();
      setRunning({ mode, importId, uploaded: 0 });
      const r = await runImport(file!, mode, mode === 'commit' && skipInvalid, importId, (uploaded) => setRunning((s) => s && { ...s, uploaded }));
      return { importId, report: r };
    },
    onSuccess: ({ importId, report: r }, mode) => {
      setReport(r);
      setReportId(importId);
      if (mode === 'commit' && r.committed) {
        void qc.invalidateQueries({ queryKey: memberKeys.all });
        void qc.invalidateQueries({ queryKey: ['orgs'] });
        setStep('done');
      } else {
        setStep('report');
      }
    },
    onError: (e) => feedback.fail(e),
    onSettled: () => setRunning(null),
  });

  const downloadReport = () => {
    if (reportId) downloadIssues(reportId, file?.name ?? '名册').catch((e: unknown) => feedback.fail(e));
  };

  const restart = () => {
    setFile(null);
    setReport(null);
    setReportId(null);
    setSkipInvalid(false);
    setStep('upload');
  };

  return (
    <>
      <PageHeader
        title="名册导入"
        actions={(
          <>
            <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate('xlsx').catch((e: unknown) => feedback.fail(e))}>下载模板（Excel）</Button>
            <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate('csv').catch((e: unknown) => feedback.fail(e))}>下载模板（CSV）</Button>
          </>
        )}
      />
      <Card>
        <Steps
          current={stepIndex[step]}
          style={{ marginBottom: 24 }}
          items={[{ title: '上传文件' }, { title: '检查结果' }, { title: '完成导入' }]}
        />

        {running && <RunningProgress mode={running.mode} uploaded={running.uploaded} processed={progress.data?.processed} total={progress.data?.total} />}

        {!running && step === 'upload' && (
          <>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              beforeUpload={(f) => { setFile(f); return false; }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'roster', name: file.name, status: 'done', size: file.size }] : []}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">点击或将名册文件拖到此处</p>
              <p className="ant-upload-hint">支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码），不超过 20 MB。身份证号一列请设为“文本”格式。</p>
            </Upload.Dragger>
            <div style={{ marginTop: 16, display: 'flex', justifyContent: 'flex-end' }}>
              <Button type="primary" disabled={!file} onClick={() => run.mutate('dry-run')}>检查文件</Button>
            </div>
          </>
        )}

        {!running && step === 'report' && report && (
          <>
            <ReportView report={report} download={downloadReport} />
            {report.errors.length > 0 && (
              <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} style={{ marginTop: 16 }}>
                跳过有错误的行，只导入其余的行
              </Checkbox>
            )}
            <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
              <Button onClick={restart}>重新上传</Button>
              <Button
                type="primary"
                disabled={report.errors.length > 0 && !skipInvalid}
                onClick={() => run.mutate('commit')}
              >
                确认导入
              </Button>
            </div>
          </>
        )}

        {!running && step === 'done' && report && (
          <Result
            status="success"
            title="导入完成"
            subTitle={`新增 ${report.created} 人，更新 ${report.updated} 人，无变化 ${report.unchanged} 人${report.errors.length ? `，跳过有错误的 ${new Set(report.errors.map((e) => e.row)).size} 行` : ''}。`}
            extra={[
              <Button type="primary" key="list" onClick={() => navigate('/members')}>查看党员名册</Button>,
              <Button key="again" onClick={restart}>继续导入</Button>,
            ]}
          >
            {(report.errors.length > 0 || report.warnings.length > 0) && <ReportView report={report} download={downloadReport} />}
          </Result>
        )}
      </Card>
    </>
  );
}

function RunningProgress({ mode, uploaded, processed, total }: { mode: ImportMode; uploaded: number; processed?: number; total?: number }) {
  const checking = processed !== undefined && total !== undefined && total > 0;
  const percent = checking ? Math.min(99, Math.round((processed / total) * 100)) : Math.round(uploaded * 100);
  const text = !checking
    ? (uploaded < 1 ? '正在上传文件…' : '正在读取文件…')
    : `${mode === 'commit' ? '正在检查并写入' : '正在检查'}：已处理 ${processed} / ${total} 行`;
  return (
    <div role="status" aria-live="polite" style={{ padding: '24px 0' }}>
      <Typography.Paragraph>{text}</Typography.Paragraph>
      <Progress percent={percent} status="active" aria-label="导入进度" />
      <Typography.Text type="secondary">大文件需要一些时间，请勿关闭本页面。</Typography.Text>
    </div>
  );
}

const issueColumns = [
  { title: '行号', dataIndex: 'row', width: 80 },
  { title: '列', dataIndex: 'column', width: 160 },
  { title: '问题', dataIndex: 'message' },
];

function IssueTable({ issues }: { issues: RowIssue[] }) {
  return (
    <Table<RowIssue>
      size="small"
      rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
      dataSource={issues}
      columns={issueColumns}
      pagination={{ pageSize: 10, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
    />
  );
}

/** The dry-run report: counts, then every error and warning with its row and column, downloadable as a sheet. */
function ReportView({ report, download }: { report: ImportReport; download: () => void }) {
  const errorRows = new Set(report.errors.map((e) => e.row)).size;
  return (
    <section aria-label="检查结果">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={4}><Statistic title="读取行数" value={report.total} /></Col>
        <Col span={4}><Statistic title="新增" value={report.created} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col span={4}><Statistic title="更新" value={report.updated} styles={{ content: { color: '#1677ff' } }} /></Col>
        <Col span={4}><Statistic title="无变化" value={report.unchanged} /></Col>
        <Col span={4}><Statistic title={report.committed ? '跳过的错误' : '错误'} value={report.errors.length} styles={{ content: { color: report.errors.length && !report.committed ? '#cf1322' : undefined } }} /></Col>
        <Col span={4}><Statistic title="提示" value={report.warnings.length} styles={{ content: { color: report.warnings.length ? '#d48806' : undefined } }} /></Col>
      </Row>
      {report.errors.length === 0 ? (
        !report.committed && <Alert type="success" showIcon title="检查通过，没有发现错误。" style={{ marginBottom: 12 }} />
      ) : report.committed ? (
        // Written with 跳过有错误的行: the skipped rows are a record of what was left out, not a task any more.
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={`其余的行已导入，跳过了 ${errorRows} 行有错误的行，这些行未写入。跳过的原因见下方“错误”列表。`} />
      ) : (
        <Alert type="error" showIcon style={{ marginBottom: 12 }}
          title={`有 ${errorRows} 行存在错误。请修改文件后重新上传，或勾选“跳过有错误的行”只导入其余的行。`} />
      )}
      {(report.errors.length > 0 || report.warnings.length > 0) && (
        <Tabs
          tabBarExtraContent={<Button size="small" icon={<DownloadOutlined />} onClick={download}>下载问题清单</Button>}
          items={[
            { key: 'errors', label: `错误（${report.errors.length}）`, children: <IssueTable issues={report.errors} /> },
            { key: 'warnings', label: `提示（${report.warnings.length}）`, children: <IssueTable issues={report.warnings} /> },
          ]}
        />
      )}
    </section>
  );
}
