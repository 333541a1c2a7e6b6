import { reviewStages } from './training.rules.js';
import type { classDetail } from './training.service.js';
import type { listClasses } from './training.repository.js';
import type { reviewDetail } from './member-review.service.js';
import type { talksFor } from './talk.service.js';

type ClassRow = Awaited<ReturnType<typeof listClasses>>['rows'][number];
type Detail = Awaited<ReturnType<typeof classDetail>>;

export function presentClass(c: ClassRow) {
  return {
    id: c.id, orgId: c.org_id, orgName: c.org_name, name: c.name, startsOn: c.starts_on, endsOn: c.ends_on, hours: Number(c.hours),
    place: c.place, description: c.description, enrolled: c.enrolled, completed: c.completed_count, version: c.version,
  };
}

export function presentClassDetail({ cls, enrolments, sessions }: Detail) {
  return {
    ...presentClass({ ...cls, enrolled: enrolments.length, completed_count: enrolments.filter((e) => e.completed).length }),
    enrolments: enrolments.map((e) => ({
      memberId: e.member_id, memberName: e.member_name, orgName: e.org_name, completed: Boolean(e.completed), completedOn: e.completed_on, hoursEarned: Number(e.hours_earned),
    })),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, state: s.state, place: s.place })),
  };
}

const order = (stage: string) => (reviewStages as readonly string[]).indexOf(stage);
const presentStages = (stages: ReadonlyArray<{ stage: string; started_at: string; ended_at: string | null }>) =>
  [...stages].sort((a, b) => order(a.stage) - order(b.stage)).map((s) => ({ stage: s.stage, startedAt: s.started_at, endedAt: s.ended_at }));

export function presentReviewItem(r: { id: number; org_id: number; org_name: string; year: number; activity_id: number; stages: ReadonlyArray<{ stage: string; started_at: string; ended_at: string | null }> }) {
  return { id: r.id, orgId: r.org_id, orgName: r.org_name, year: r.year, activityId: r.activity_id, stages: presentStages(r.stages) };
}

export function presentReview({ review, stages, entries, tallies }: Awaited<ReturnType<typeof reviewDetail>>) {
  return {
    ...presentReviewItem({ ...review, stages }),
    activityTitle: review.activity_title, grades: JSON.parse(review.grades) as string[], ballots: review.ballots, version: review.version,
    entries: entries.map((e) => ({
      memberId: e.member_id, memberName: e.member_name, selfAssessment: e.self_assessment, peerAssessment: e.peer_assessment, rating: e.rating,
      votes: Object.fromEntries(tallies.filter((t) => t.member_id === e.member_id).map((t) => [t.grade, Number(t.votes)])),
    })),
  };
}

export function presentTalks({ org, year, talks, coverage, names, members, committee }: Awaited<ReturnType<typeof talksFor>>) {
  const who = (id: number) => ({ id, name: names.get(id) ?? '' });
  const pairs = (list: ReadonlyArray<[number, number]>) => list.map(([a, b]) => ({ first: who(a), second: who(b) }));
  return {
    orgId: org.id, orgName: org.name, year,
    talks: talks.map((t) => ({ id: t.id, activityId: t.activity_id, heldOn: t.held_on, topic: t.topic, first: t.first_name, second: t.second_name })),
    committeePairs: { ...coverage.committeePairs, missing: pairs(coverage.committeePairs.missing) },
    committeeMemberPairs: { ...coverage.committeeMemberPairs, missing: pairs(coverage.committeeMemberPairs.missing) },
    members: coverage.members, membersTalked: coverage.membersTalked, membersWithoutTalk: coverage.membersWithoutTalk.map(who),
    roster: members.map((id) => ({ ...who(id), committee: committee.has(id) })),
  };
}
