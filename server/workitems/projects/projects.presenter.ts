import { timeliness } from '../engine/work-item.rules.js';
import { signoffBlockers } from './project.rules.js';
import type { MilestoneRow, ProjectRow } from './projects.repository.js';

export function presentProject(project: ProjectRow, milestones: readonly MilestoneRow[], today: string) {
  return {
    id: project.id, orgId: project.org_id, orgName: project.org_name, title: project.title, description: project.description, year: project.year,
    state: project.state, signedOffAt: project.signed_off_at, signoffComment: project.signoff_comment, version: project.version,
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, state: m.state, deadline: m.deadline, timeliness: timeliness(m, today), version: m.version })),
    milestonesSignedOff: milestones.filter((m) => m.state === 'signed_off').length,
    signoffBlockers: project.state === 'open' ? signoffBlockers(milestones) : [],
  };
}
