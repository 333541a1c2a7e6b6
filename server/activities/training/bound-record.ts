import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { Kdb } from '../../platform/db/database.js';
import { exportedFile, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { notFound } from '../../platform/errors.js';
import { dayjs, ZONE } from '../../platform/time.js';
import { findOrg } from '../../registry/orgs/org.repository.js';
import { kindRule } from '../activity/kinds.js';
import { attachmentsOf, attendanceOf, signedActivities, topicsOf, votesOf } from './bound-record.repository.js';

/*
 * 年终装订: a branch's signed activities of one year as one Word file to print and bind — a cover, a contents list
 * (static, so it prints without Word updating fields), then each activity's minutes, attendance and sign-in list.
 */

const FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' };
const HEADING_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体' };
/** A4 in twentieths of a point, with binding room on the left. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1800, right: 1440 };

const statusLabels: Record<string, string> = { present: '出席', leave: '请假', absent: '缺席', guest: '列席', pending: '未标记' };
const categoryLabels: Record<string, string> = { photo: '照片', signin_sheet: '签到表', document: '文件' };

const local = (iso: string, fmt: string) => dayjs(iso).tz(ZONE).format(fmt);
const line = (label: string, value: string | null | undefined) =>
  new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${label}：`, bold: true }), new TextRun(value?.trim() || '—')] });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: HEADING_FONT })] });

function grid(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

export async function boundRecord(db: Kdb, actor: Actor, orgId: number, year: number): Promise<{ body: Buffer; fileName: string; count: number }> {
  const org = await findOrg(db, orgId);
  if (!org) throw notFound('党组织');
  const from = dayjs.tz(`${year}-01-01`, ZONE).toISOString();
  const to = dayjs.tz(`${year + 1}-01-01`, ZONE).toISOString();
  const activities = await signedActivities(db, org.path, from, to);
  const ids = activities.map((a) => a.id);
  const [topics, votes, attendance, attachments] = await Promise.all([topicsOf(db, ids), votesOf(db, ids), attendanceOf(db, ids), attachmentsOf(db, ids)]);
  const of = <T extends { activity_id: number }>(rows: readonly T[], id: number) => rows.filter((r) => r.activity_id === id);

  const cover = [
    new Paragraph({ spacing: { before: 3600 } }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: org.name, size: 44, bold: true, font: HEADING_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 480 }, children: [new TextRun({ text: `${year}年度组织生活记录`, size: 56, bold: true, font: HEADING_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 480 }, children: [new TextRun({ text: `（年终装订本，共 ${activities.length} 项活动）`, size: 28 })] }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  const contents = [
    heading('目　录', HeadingLevel.HEADING_1),
    activities.length
      ? grid(['序号', '日期', '类型', '活动名称'], activities.map((a, i) => [String(i + 1), local(a.starts_at, 'YYYY-MM-DD'), kindRule(a.kind)?.label ?? a.kind, a.title]))
      : new Paragraph('本年度没有已签署的活动记录。'),
  ];
  const sections = activities.flatMap((a, i) => {
    const people = of(attendance, a.id);
    const expected = people.filter((p) => p.expected);
    const present = expected.filter((p) => p.status === 'present');
    const away = expected.filter((p) => p.status !== 'present');
    const aTopics = of(topics, a.id);
    const aVotes = of(votes, a.id);
    const files = of(attachments, a.id);
    return [
      new Paragraph({ children: [new PageBreak()] }),
      heading(`${i + 1}. ${a.title}`, HeadingLevel.HEADING_2),
      line('类型', kindRule(a.kind)?.label ?? a.kind),
      line('所属组织', a.org_name),
      line('时间', `${local(a.starts_at, 'YYYY年M月D日 HH:mm')} 至 ${local(a.ends_at, 'HH:mm')}`),
      line('地点', a.place),
      line('主持人', a.host_name),
      line('记录人', a.recorder_name),
      ...(a.lecturer_member_name || a.lecturer_name ? [line('主讲人', a.lecturer_member_name ?? a.lecturer_name)] : []),
      line('应到 / 实到 / 缺席', `${expected.length} / ${present.length} / ${away.length}`),
      line('列席', people.filter((p) => p.status === 'guest').map((p) => p.name).join('、')),
      ...(a.backfilled ? [line('备注', '本记录为补录')] : []),
      heading('议题', HeadingLevel.HEADING_3),
      ...(aTopics.length ? aTopics.map((t, k) => new Paragraph(`${k + 1}. ${t.title}${t.is_first_topic ? '（第一议题）' : ''}${t.notes ? `：${t.notes}` : ''}`)) : [new Paragraph('—')]),
      heading('会议内容', HeadingLevel.HEADING_3),
      ...(a.content ?? '—').split('\n').map((p) => new Paragraph(p)),
      heading('决议', HeadingLevel.HEADING_3),
      ...(a.resolutions ?? '—').split('\n').map((p) => new Paragraph(p)),
      ...(aVotes.length ? [
        heading('表决', HeadingLevel.HEADING_3),
        grid(['事项', '应到', '实到', '赞成', '反对', '弃权', '结果'], aVotes.map((v) => [
          v.motion, String(v.expected_voters), String(v.present_voters), String(v.votes_for), String(v.votes_against), String(v.votes_abstain),
          !v.valid ? '无效（未达到法定人数）' : v.passed ? '通过' : '未通过',
        ])),
      ] : []),
      heading('缺席及补课', HeadingLevel.HEADING_3),
      away.length
        ? grid(['姓名', '情况', '原因', '补课'], away.map((p) => [p.name, statusLabels[p.status] ?? p.status, p.reason ?? '', p.makeup_on ? `${p.makeup_on} ${p.makeup_how ?? ''}` : '']))
        : new Paragraph('全员出席。'),
      heading('签到名单', HeadingLevel.HEADING_3),
      grid(['序号', '姓名', '签到', '签名'], people.filter((p) => p.status === 'present' || p.status === 'guest').map((p, k) => [
        String(k + 1), p.name, p.checked_in_at ? `${local(p.checked_in_at, 'HH:mm')} 扫码` : '主持人确认', '',
      ])),
      ...(files.length ? [line('附件', files.map((f) => `${categoryLabels[f.category] ?? f.category}：${f.name}`).join('；'))] : []),
      new Paragraph({ spacing: { before: 360 }, children: [
        new TextRun(`主持人签字：${a.host_name ?? ''}（${a.host_signed_at ? local(a.host_signed_at, 'YYYY-MM-DD') : ''}）　　`),
        new TextRun(`记录人签字：${a.recorder_name ?? ''}（${a.recorder_signed_at ? local(a.recorder_signed_at, 'YYYY-MM-DD') : ''}）`),
      ] }),
    ];
  });

  const doc = new Document({
    creator: '红雁机关党建平台',
    title: `${org.name}${year}年度组织生活记录`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: A4, margin: MARGIN } }, children: [...cover, ...contents, ...sections] }],
  });
  const body = await Packer.toBuffer(doc);
  await writeAudit(db, actor, { action: 'bound_record.export', objectType: 'org', objectId: org.id, orgId: org.id, details: { year, ...exportedFile(ids.length, body) } });
  return { body, fileName: `${org.name}-${year}年度组织生活记录.docx`, count: ids.length };
}
