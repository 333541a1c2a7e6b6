import pg from 'pg';

interface Throwaway {
  url: string;
  socketUrl: string;
  port: number;
  stop(): void;
}

/** The throw-away PostgreSQL 15 cluster the test suite uses (scripts/throwaway-postgres.mjs), typed for the bench. */
const throwaway = (await import(new URL('../scripts/throwaway-postgres.mjs', import.meta.url).href)) as {
  startThrowawayPostgres(o?: { database?: string }): Promise<Throwaway>;
  freePort(): Promise<number>;
};

export const freePort = throwaway.freePort;

export interface BenchCluster {
  /** a new empty database on the cluster */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

/** Starts a cluster on 127.0.0.1 (a free port, trust for loopback only); `stop` is synchronous for exit handlers. */
export async function startCluster(): Promise<BenchCluster> {
  const cluster = await throwaway.startThrowawayPostgres({ database: 'bench' });
  return {
    async createDatabase(name: string) {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      // The product's servers reach the cluster by its Unix socket, as a PostgreSQL on the same host should be
      // (docs/deployment.md): over loopback TCP every query costs the server about 40 µs more in the kernel.
      const url = new URL(cluster.socketUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: () => cluster.stop(),
  };
}
