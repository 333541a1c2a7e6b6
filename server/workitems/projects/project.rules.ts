import type { WorkItemState } from '../engine/work-item.rules.js';

/**
 * Why a project cannot be signed off yet: each milestone neither signed off nor cancelled, or — when every
 * milestone was cancelled — that nothing was verified at all. Empty when the project may be closed.
 */
export function signoffBlockers(milestones: ReadonlyArray<{ state: WorkItemState; title: string }>): string[] {
  const open = milestones.filter((m) => m.state !== 'signed_off' && m.state !== 'cancelled').map((m) => `里程碑「${m.title}」未销号`);
  if (open.length) return open;
  return milestones.some((m) => m.state === 'signed_off') ? [] : ['项目没有已销号的里程碑'];
}
