import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';

/** Supervisor statistics routes (being built for issue 3). */
export function statsRoutes(_app: FastifyInstance, _ctx: AppContext) {}
