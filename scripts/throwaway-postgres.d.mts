export function freePort(): Promise<number>;
export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** Stops the cluster and removes its folder; idempotent and synchronous. */
  stop(): void;
}
export function startThrowawayPostgres(opts?: { database?: string }): Promise<ThrowawayPostgres>;
