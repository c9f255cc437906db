import PgBoss from 'pg-boss';

/**
 * Durable background jobs on PostgreSQL (pg-boss). Handlers must be idempotent: a job can
 * run again after a crash. Schedules are cron in Asia/Ho_Chi_Minh.
 */
export interface Jobs {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Registers a handler; `cron` (optional) also schedules it. */
  define(name: string, handler: (data: any) => Promise<void>, cron?: string): Promise<void>;
  send(name: string, data: object, opts?: { singletonKey?: string; startAfter?: Date }): Promise<string | null>;
  /** Runs a job's handler now, in-process (used by tests and the CLI). */
  runNow(name: string, data?: object): Promise<void>;
}

export function createJobs(connectionString: string, enabled: boolean, log: (m: string) => void): Jobs {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, supervise: enabled, schedule: enabled });
  boss.on('error', (e) => log(`jobs error: ${e.message}`));
  const handlers = new Map<string, (data: any) => Promise<void>>();
  let started = false;
  return {
    async start() {
      await boss.start();
      started = true;
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      started = false;
    },
    async define(name, handler, cron) {
      handlers.set(name, handler);
      await boss.createQueue(name, { name, retryLimit: 5, retryBackoff: true, retryDelay: 5 } as PgBoss.Queue);
      if (!enabled) return;
      await boss.work(name, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
      if (cron) await boss.schedule(name, cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
    },
    async send(name, data, opts = {}) {
      return boss.send(name, data, { ...opts });
    },
    async runNow(name, data = {}) {
      const h = handlers.get(name);
      if (!h) throw new Error(`unknown job ${name}`);
      await h(data);
    },
  };
}
