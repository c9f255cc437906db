import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import type { FileStorage } from './storage.ts';
import type { Jobs } from './jobs.ts';

/** What every module gets: configuration, the database and the shared plumbing. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  storage: FileStorage;
  jobs: Jobs;
  log: (msg: string, extra?: Record<string, unknown>) => void;
}

/** A capability of the monolith. Modules are listed in src/modules/index.ts. */
export interface Module {
  name: string;
  /** Folder holding this module's `*.sql` migrations. */
  migrations?: string;
  /** HTTP routes, registered under /api/v1. */
  routes?: (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;
  /** Idempotent demo/reference data. */
  seed?: (ctx: AppContext) => Promise<void>;
  /** Background job handlers and schedules. */
  jobs?: (ctx: AppContext) => Promise<void>;
}
