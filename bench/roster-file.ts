import ExcelJS from 'exceljs';
import { genderLabels, memberStatusLabels } from '../contract/members.js';
import { rosterColumns, templateFields, type RosterField } from '../server/registry/members/roster/roster-columns.js';
import type { CityPlan } from './city-plan.js';

const dateCell = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/**
 * Writes the members of a planned city as a roster the way a committee would hand it over: a merged title row
 * above the template's headers, dates as date cells, ID numbers and phones as text. Streams to disk with
 * exceljs's WorkbookWriter and shared strings (as Excel and WPS write them), so the generator's memory does not
 * grow with the row count.
 */
export async function writeRosterXlsx(file: string, plan: CityPlan, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('党员名册');
  const fields = templateFields;
  const dates = new Set<RosterField>(['birthDate', 'joinedOn', 'fullOn']);
  ws.columns = fields.map((f) => ({
    key: f,
    width: f === 'post' ? 30 : f === 'idNumber' || f === 'org' ? 22 : 12,
    style: dates.has(f) ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const title = ws.addRow([`${plan.orgs[0].name}党员名册（${rows} 人）`]);
  ws.mergeCells(1, 1, 1, fields.length);
  title.commit();
  ws.addRow(fields.map((f) => rosterColumns[f].header)).commit();
  for (let i = 0; i < rows; i++) {
    const m = plan.members[i];
    const values: Record<RosterField, string | Date | null> = {
      name: m.name,
      gender: m.gender ? genderLabels[m.gender] : null,
      ethnicity: m.ethnicity,
      birthDate: dateCell(m.birthDate),
      idNumber: m.idNumber,
      education: m.education ?? null,
      joinedOn: dateCell(m.joinedOn),
      fullOn: dateCell(m.fullOn),
      status: memberStatusLabels[m.status],
      org: plan.orgs[m.orgKey].name,
      phone: m.phone ?? null,
      post: m.post ?? null,
      notes: null,
    };
    ws.addRow(fields.map((f) => values[f])).commit();
  }
  ws.commit();
  await wb.commit();
}
