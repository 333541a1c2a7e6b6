import { labelOf, officerPositionLabels, orgTypeLabels, type OrgType } from '../app/labels';
import type { OrgEvent } from './api';

const kindLabels: Record<string, string> = {
  created: '成立',
  renamed: '更名',
  term_changed: '任期调整',
  units_changed: '服务单位调整',
  moved: '调整隶属关系',
  merged: '并入其他组织',
  absorbed: '接收并入组织',
  dissolved: '撤销',
  officers_changed: '班子成员调整',
};

export function eventTitle(e: OrgEvent): string {
  return kindLabels[e.kind] ?? e.kind;
}

type Officer = { memberName?: string; position?: string; title?: string | null };

/** One line saying what happened, from the event's details as the server records them. */
export function eventText(e: OrgEvent): string {
  const d = e.details as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  switch (e.kind) {
    case 'created':
      return `${str('name')}（${orgTypeLabels[d.type as OrgType] ?? str('type')}）`;
    case 'renamed':
      return `${str('from')} → ${str('to')}`;
    case 'term_changed':
      return d.termStart ? `本届任期 ${str('termStart')} 起 ${str('termYears')} 年，至 ${str('termEnd')}` : '任期信息已清除';
    case 'merged':
      return `并入 ${str('intoName')}，党员 ${str('memberCount')} 人随之转入`;
    case 'absorbed':
      return `${str('fromName')} 并入本组织，党员 ${str('memberCount')} 人`;
    case 'dissolved':
      return `原因：${str('reason')}`;
    case 'officers_changed': {
      const list = Array.isArray(d.officers) ? (d.officers as Officer[]) : [];
      return list.length
        ? list.map((o) => `${o.title || labelOf(officerPositionLabels, o.position)} ${o.memberName ?? ''}`.trim()).join('、')
        : '班子成员已清空';
    }
    default:
      return '';
  }
}
