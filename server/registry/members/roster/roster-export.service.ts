import fs from 'node:fs';
import { inScope, type Scope } from '../../../platform/access/scope.js';
import { writeAudit } from '../../../platform/audit/audit-log.js';
import { badRequest, forbidden, notFound } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/http/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { maskIdNumber } from '../../../platform/masking.js';
import { today } from '../../../platform/time.js';
import { activeOrgsInScope, findOrgNames, orgPathOf } from '../../orgs/org.repository.js';
import { pathIds } from '../../orgs/org.rules.js';
import { idNumberCheckChar } from '../id-number.js';
import { ID_NUMBER_FIELD, PHONE_FIELD } from '../member-write.js';
import { memberListQuery, type MemberFilters } from '../members.repository.js';
import { memberListEnv, type Caller } from '../members.service.js';
import { genderLabels, memberStatusLabels } from '../../../../contract/members.js';
import { rosterColumns, templateFields, type RosterField } from './roster-columns.js';
import { exportPages } from './roster-export.repository.js';
import { importReportOf } from './roster-import.service.js';
import { removeTemp, rosterTempDir, tempPath, type RosterFormat } from './roster-files.js';
import { contentTypes, writeSheet, type SheetSpec } from './roster-writer.js';

export interface ExportRequest {
  format: RosterFormat;
  filters: MemberFilters;
  /** full ID numbers and phones instead of masks: needs member.reveal and a reason */
  reveal: boolean;
  reason: string | null;
}

/** A finished file on disk, to be sent and then removed. */
export interface OutgoingFile {
  path: string;
  fileName: string;
  contentType: string;
}

const widths: Record<RosterField, number> = {
  name: 10, gender: 6, ethnicity: 8, birthDate: 12, idNumber: 22, education: 10, joinedOn: 12, fullOn: 12, status: 10, org: 24, phone: 16, post: 28, notes: 24,
};

/** The template and the export share one layout, so an exported roster imports as it is. */
const rosterSheet: SheetSpec = {
  title: '党员名册',
  header: templateFields.map((f) => rosterColumns[f].header),
  textColumns: [templateFields.indexOf('idNumber'), templateFields.indexOf('phone')],
  widths: templateFields.map((f) => widths[f]),
};

/**
 * Exports the member list under the list's own filters and scope (memberListQuery). The file is written to
 * disk first and audited with its row count and SHA-256 before a byte leaves, so an export that cannot be
 * audited is never sent. Masked unless a reason is given and member.reveal covers everything exported.
 */
export async function exportRoster(ctx: AppContext, caller: Caller, req: ExportRequest): Promise<OutgoingFile> {
  const db = ctx.db.kysely;
  const { principal } = caller;
  const scope = principal.scope('member.export');
  let orgPath: string | null = null;
  if (req.filters.orgId !== undefined) {
    orgPath = await orgPathOf(db, req.filters.orgId);
    if (!orgPath || !inScope(scope, orgPath)) throw notFound('党组织');
  }
  if (req.reveal) {
    if (!req.reason) throw badRequest('导出完整的身份证号和电话须填写事由', [{ path: 'reason', message: '事由：不能为空' }]);
    const roots = orgPath ? [orgPath] : scope.paths;
    if (!roots.every((p) => principal.canAt('member.reveal', p))) throw forbidden('无权导出完整的身份证号和电话');
  }

  const q = await memberListQuery(db, scope, req.filters, await memberListEnv(ctx));
  const labelOf = await orgLabels(db, scope);
  const decrypt = (cipher: string | null, field: string) => (cipher ? ctx.cipher.decrypt(cipher, field) : null);
  async function* rows() {
    for await (const page of exportPages(q)) {
      for (const m of page) {
        const values: Record<RosterField, string | null> = {
          name: m.name,
          gender: genderLabels[m.gender],
          ethnicity: m.ethnicity,
          birthDate: m.birth_date,
          idNumber: req.reveal ? decrypt(m.id_number_cipher, ID_NUMBER_FIELD) : m.id_number_mask,
          education: m.education,
          joinedOn: m.joined_on,
          fullOn: m.full_on,
          status: memberStatusLabels[m.status],
          org: labelOf(m.org_id, m.org_name),
          phone: req.reveal ? decrypt(m.phone_cipher, PHONE_FIELD) : m.phone_mask,
          post: m.post,
          notes: m.notes,
        };
        yield templateFields.map((f) => values[f]);
      }
    }
  }

  const file = await tempPath(rosterTempDir(ctx.config));
  try {
    const written = await writeSheet(file, req.format, rosterSheet, rows());
    const f = req.filters;
    await writeAudit(db, caller.actor, {
      action: 'member.export', objectType: 'member', orgId: f.orgId ?? null,
      details: {
        format: req.format, rows: written.rows, sha256: written.sha256, reveal: req.reveal, reason: req.reason,
        // A search by ID number must not put the number into the audit log.
        filters: { orgId: f.orgId, q: f.q && /\d{6,}/.test(f.q) ? maskIdNumber(f.q) : f.q, status: f.status, ledger: f.ledger, exited: f.exited },
      },
    });
    return { path: file, fileName: `党员名册-${today().replace(/-/g, '')}.${req.format}`, contentType: contentTypes[req.format] };
  } catch (err) {
    await removeTemp(file);
    throw err;
  }
}

/** The import template: the expected headers and one fictional example row. */
export async function rosterTemplate(ctx: AppContext, format: RosterFormat): Promise<OutgoingFile> {
  const first17 = '43990119880520002';
  const example: Record<RosterField, string> = {
    name: '李红梅', gender: genderLabels.female, ethnicity: '汉族', birthDate: '1988-05-20', idNumber: first17 + idNumberCheckChar(first17),
    education: '大学本科', joinedOn: '2012-06-30', fullOn: '2013-06-30', status: memberStatusLabels.full, org: '区财政局党支部',
    phone: '13800000000', post: '区财政局办公室 科员', notes: '示例行（虚构人员），导入前请删除',
  };
  const file = await tempPath(rosterTempDir(ctx.config));
  try {
    await writeSheet(file, format, rosterSheet, (async function* () { yield templateFields.map((f) => example[f]); })());
    return { path: file, fileName: `党员名册导入模板.${format}`, contentType: contentTypes[format] };
  } catch (err) {
    await removeTemp(file);
    throw err;
  }
}

const issuesSheet: SheetSpec = {
  title: '导入问题清单',
  header: ['类别', '行号', '列', '问题说明'],
  textColumns: [],
  widths: [8, 8, 16, 90],
};

/**
 * 下载问题清单: the errors and warnings of one of the caller's own finished imports as a sheet, errors first, each in
 * row order, so a file with hundreds of problems can be worked through in a spreadsheet beside the roster. The
 * messages can quote cells (a birth date read from an ID number), so the download is audited like an export.
 */
export async function importIssuesFile(ctx: AppContext, caller: Caller, clientRef: string, format: RosterFormat): Promise<OutgoingFile> {
  const { batchId, fileName, report } = await importReportOf(ctx, caller.principal, clientRef);
  const kinds = [['错误', report.errors], ['提示', report.warnings]] as const;
  const file = await tempPath(rosterTempDir(ctx.config));
  try {
    const written = await writeSheet(file, format, issuesSheet, (async function* () {
      for (const [kind, issues] of kinds) for (const i of issues) yield [kind, String(i.row), i.column, i.message];
    })());
    await writeAudit(ctx.db.kysely, caller.actor, {
      action: 'member.import_issues', objectType: 'import_batch', objectId: batchId, details: { importId: clientRef, fileName, format, rows: written.rows, sha256: written.sha256 },
    });
    const stem = fileName.replace(/\.[^.]*$/, '');
    return { path: file, fileName: `导入问题清单-${stem}.${format}`, contentType: contentTypes[format] };
  } catch (err) {
    await removeTemp(file);
    throw err;
  }
}

/** Streams a finished file and removes it once the stream closes, sent or not. */
export function openOutgoing(file: OutgoingFile): fs.ReadStream {
  const stream = fs.createReadStream(file.path);
  stream.on('close', () => void removeTemp(file.path));
  return stream;
}

/**
 * How the export writes each organisation so that the import's matcher finds it again: the name where it is
 * unique in the scope, otherwise preceded by as many nearest ancestors ('上级/本组织') as tell it apart.
 */
async function orgLabels(db: Executor, scope: Scope): Promise<(orgId: number, name: string) => string> {
  const orgs = await activeOrgsInScope(db, scope);
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const outside = [...new Set(orgs.flatMap((o) => pathIds(o.path)))].filter((id) => !names.has(id));
  for (const [id, name] of await findOrgNames(db, outside)) names.set(id, name);
  const ancestors = (path: string) => pathIds(path).slice(0, -1).reverse().map((id) => names.get(id) ?? '');

  const byName = new Map<string, typeof orgs>();
  for (const o of orgs) byName.set(norm(o.name), [...(byName.get(norm(o.name)) ?? []), o]);
  const labels = new Map<number, string>();
  for (const same of byName.values()) {
    for (const o of same) {
      const mine = ancestors(o.path).map(norm);
      let k = 0;
      const others = same.filter((x) => x.id !== o.id).map((x) => ancestors(x.path).map(norm));
      while (k < mine.length && others.some((a) => mine.slice(0, k).every((n, i) => a[i] === n))) k++;
      labels.set(o.id, [...ancestors(o.path).slice(0, k).reverse(), o.name].join('/'));
    }
  }
  return (orgId, name) => labels.get(orgId) ?? name;
}
