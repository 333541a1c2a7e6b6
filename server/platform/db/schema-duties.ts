/* Tables of migration 0009_duties; same storage conventions as schema.ts (filled in by the area being built). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DutyTables {}
