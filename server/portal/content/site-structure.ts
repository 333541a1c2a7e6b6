/*
 * What every public page shows around its content — the site settings (name, logo, footer) and the column tree —
 * is kept in memory by the public site (site.service.ts). A committed change to either calls siteStructureChanged,
 * so the next page of this process reads them afresh; another process serving the same database notices when its
 * copy's short time to live ends (docs/decisions.md).
 */
let generation = 0;

export function siteStructureChanged(): void {
  generation++;
}

export function siteStructureGeneration(): number {
  return generation;
}
