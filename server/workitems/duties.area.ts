import type { ProductArea } from '../platform/http/context.js';

/** 责任落实: duty lists, monthly checklists and work prompts, each fanning out work items (being built in this session). */
export const dutiesArea: ProductArea = {
  name: 'duties',
  routes: [],
};
