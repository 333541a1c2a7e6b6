import { AuditOutlined, CommentOutlined, ReadOutlined } from '@ant-design/icons';
import { has, type PageDef } from '../app/pages';
import { TrainingClassDetailPage, TrainingClassesPage } from './training-classes';
import { MemberReviewDetailPage, MemberReviewsPage } from './training-reviews';
import { TalksPage } from './training-talks';

/** Training classes and their coverage, democratic member review, heart-to-heart talks and the year's bound record. */
export const trainingPages: PageDef[] = [
  { path: 'training-classes', element: <TrainingClassesPage />, allow: has('activity.read'), menu: { group: 'building', label: '培训班', icon: <ReadOutlined /> } },
  { path: 'training-classes/:id', element: <TrainingClassDetailPage />, allow: has('activity.read') },
  { path: 'member-reviews', element: <MemberReviewsPage />, allow: has('activity.read'), menu: { group: 'building', label: '民主评议党员', icon: <AuditOutlined /> } },
  { path: 'member-reviews/:id', element: <MemberReviewDetailPage />, allow: has('activity.read') },
  { path: 'talks', element: <TalksPage />, allow: has('activity.read'), menu: { group: 'building', label: '谈心谈话与年终装订', icon: <CommentOutlined /> } },
];
