import type { Trx } from '../../platform/db/database.js';

/**
 * Called inside the writing transaction whenever an article's public content or state changes (saved, moved
 * through the workflow, published by the scheduler, withdrawn), so a listener such as the search index stays
 * consistent with the article in the same commit. The portal search module registers itself at start-up.
 */
export type OnArticlePublishedChange = (trx: Trx, articleId: number) => Promise<void>;

const listeners = new Set<OnArticlePublishedChange>();

/** Registers a listener; returns a function that removes it. Registering the same function twice is a no-op. */
export function onArticlePublishedChange(listener: OnArticlePublishedChange): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

export async function articlePublishedChanged(trx: Trx, articleId: number): Promise<void> {
  for (const listener of listeners) await listener(trx, articleId);
}
