import type { Module } from '../platform/context.ts';
import { geoModule } from './geo/module.ts';
import { agenciesModule } from './agencies/module.ts';
import { identityModule } from './identity/module.ts';
import { calendarModule } from './calendar/module.ts';
import { catalogModule } from './catalog/module.ts';
import { filesModule } from './files/module.ts';
import { noticesModule } from './notices/module.ts';
import { delegationModule } from './delegation/module.ts';
import { dossiersModule } from './dossiers/module.ts';
import { paymentsModule } from './payments/module.ts';
import { resultsModule } from './results/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { connectorModule } from './connector/module.ts';
import { interconnectModule } from './interconnect/module.ts';
import { reorganisationModule } from './reorganisation/module.ts';
import { dataStoreModule } from './datastore/module.ts';
import { feedbackModule } from './feedback/module.ts';
import { queueModule } from './queue/module.ts';
import { populationModule } from './population/module.ts';
import { privacyModule } from './privacy/module.ts';

/** The capabilities of the monolith, in dependency order (migrations and seeds run in this order). */
export const modules: Module[] = [geoModule, agenciesModule, identityModule, calendarModule, catalogModule, delegationModule, filesModule, noticesModule, populationModule, dossiersModule, paymentsModule, resultsModule, notificationsModule, connectorModule, interconnectModule, reorganisationModule, dataStoreModule, feedbackModule, queueModule, privacyModule];
