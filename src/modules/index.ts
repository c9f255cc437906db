import type { Module } from '../platform/context.ts';
import { geoModule } from './geo/index.ts';
import { agenciesModule } from './agencies/index.ts';
import { identityModule } from './identity/index.ts';

/** The capabilities of the monolith, in dependency order (migrations and seeds run in this order). */
export const modules: Module[] = [geoModule, agenciesModule, identityModule];
