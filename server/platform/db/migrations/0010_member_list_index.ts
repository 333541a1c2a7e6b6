import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/** Filled in by the area being built. */
export async function up(_db: AnyKysely, _dialect: Dialect): Promise<void> {}
