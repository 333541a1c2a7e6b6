import type { Selectable } from 'kysely';
import type { RiskPointTable } from '../../platform/db/schema-oversight.js';
import { timeliness } from '../engine/work-item.rules.js';
import type { FindingRow, InspectionRow } from './inspections.repository.js';
import type { inspectionDetail } from './inspections.service.js';

export function presentInspection(i: Omit<InspectionRow, 'org_path'>) {
  return {
    id: i.id, orgId: i.org_id, kind: i.kind, title: i.title, topic: i.topic, startsOn: i.starts_on, endsOn: i.ends_on, state: i.state,
    version: i.version, createdAt: i.created_at,
  };
}

export function presentInspectionDetail(d: Awaited<ReturnType<typeof inspectionDetail>>) {
  return {
    ...presentInspection(d.inspection),
    canManage: d.canManage,
    pairs: d.pairs.map((p) => ({
      id: p.id, inspectedUnitId: p.inspected_unit_id, inspectedUnitName: p.inspected_name, inspectedOrgId: p.inspected_org_id,
      inspectingUnitId: p.inspecting_unit_id, inspectingUnitName: p.inspecting_name,
      inspectors: [...new Map(d.inspectors.filter((x) => x.pair_id === p.id).map((x) => [x.user_id, {
        userId: x.user_id, name: x.display_name, validFrom: x.valid_from, validTo: x.valid_to,
      }])).values()],
    })),
    feedbackLists: d.lists.map((l) => ({
      id: l.id, unitId: l.unit_id, unitName: l.unit_name, orgId: l.org_id, orgName: l.org_name, issuedAt: l.issued_at, version: l.version,
      findings: Object.values(l.byState).reduce((a, b) => a + b, 0), byState: l.byState,
    })),
  };
}

export function presentFinding(f: FindingRow, today: string) {
  return {
    id: f.id, title: f.title, description: f.description, unitId: f.unit_id, unitName: f.unit_name, ownerOrgId: f.owner_org_id, ownerName: f.owner_name,
    feedbackListId: f.source_id, state: f.state, deadline: f.deadline, requiredEvidence: f.required_evidence,
    verifierUserId: f.verifier_user_id, verifierName: f.verifier_name, issuedAt: f.issued_at, submittedAt: f.submitted_at, closedAt: f.closed_at,
    timeliness: timeliness(f, today), version: f.version,
  };
}

export function presentRiskPoint(r: Selectable<RiskPointTable> & { unit_name: string }) {
  return {
    id: r.id, inspectionId: r.inspection_id, unitId: r.unit_id, unitName: r.unit_name, quarter: r.quarter, description: r.description,
    level: r.level, measures: r.measures, version: r.version, createdAt: r.created_at,
  };
}
