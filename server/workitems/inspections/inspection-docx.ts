import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { stateLabels, timeliness } from '../engine/work-item.rules.js';
import type { FindingRow, InspectionRow } from './inspections.repository.js';
import { kindLabels } from './inspections.service.js';

const timelinessLabels = { on_time: '按期', closed_late: '逾期完成', overdue: '已逾期', due_soon: '即将到期', pending: '未到期', cancelled: '已撤销' } as const;

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'SimSun', size: 21 })] })] });

/** The Word summary of an inspection: each unit's feedback list with its findings, their state and timeliness. */
export async function inspectionDocx(inspection: InspectionRow, findings: readonly FindingRow[], today: string): Promise<Buffer> {
  const units = [...new Map(findings.map((f) => [f.unit_id, f.unit_name])).entries()];
  const closed = findings.filter((f) => f.state === 'signed_off').length;
  const body: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${inspection.title}问题整改情况`, font: 'SimHei' })] }),
    new Paragraph({ children: [new TextRun(`类型：${kindLabels[inspection.kind]}　检查期间：${inspection.starts_on} 至 ${inspection.ends_on}${inspection.topic ? `　内容：${inspection.topic}` : ''}`)] }),
    new Paragraph({ children: [new TextRun(`共涉及 ${units.length} 个单位，交办问题 ${findings.length} 个，已销号 ${closed} 个，截至 ${today}。`)] }),
  ];
  for (const [unitId, unitName] of units) {
    const rows = findings.filter((f) => f.unit_id === unitId);
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${unitName}问题反馈清单（${rows.length} 个）`)] }));
    body.push(new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: ['序号', '问题', '整改期限', '状态', '时效'].map((h) => cell(h, true)) }),
        ...rows.map((f, i) => new TableRow({
          children: [cell(String(i + 1)), cell(f.description ? `${f.title}：${f.description}` : f.title), cell(f.deadline), cell(stateLabels[f.state]), cell(timelinessLabels[timeliness(f, today)])],
        })),
      ],
    }));
  }
  return Packer.toBuffer(new Document({ creator: '红雁', title: inspection.title, sections: [{ children: body }] }));
}
