import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { requireStaff } from '../identity/authz.ts';
import { populationRegistry } from './service.ts';
import { logAccess, lookupPurposeQuery, requireLookupPurpose } from '../privacy/service.ts';

export function populationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const registry = populationRegistry(ctx.db);

  r.get('/population/people/:idNumber', {
    schema: {
      tags: ['population'],
      summary: 'A person in the population database by personal ID number, with household and relations (staff only)',
      description: 'Name, date of birth, sex, ethnicity, nationality, birth registration, permanent and current address, household and role in it, marital status, father, mother, spouse and children. 400 with one message per broken rule for a malformed ID number.',
      params: z.object({ idNumber: z.string().max(64) }),
      querystring: lookupPurposeQuery,
    },
  }, async (req) => {
    const staff = requireStaff(req.principal);
    const { idNumber } = req.params;
    const errors = checkIdNumber(idNumber, {}, 'idNumber');
    if (errors.length) throw problems.validation(errors);
    // Decree 13/2023: a purpose before any personal data is read; the look-up is logged (privacy module).
    const reason = await requireLookupPurpose(ctx.db, staff, req.query);
    const person = await registry.lookupPerson(idNumber);
    if (!person) throw problems.notFound('người có số định danh này trong cơ sở dữ liệu dân cư', 'Person with this ID number in the population database');
    const [household, relations] = await Promise.all([registry.household(person.householdId), registry.relations(idNumber),
      logAccess(ctx.db, req, reason, { kind: 'population_record', ref: idNumber, subjectIdNumber: idNumber, subjectName: person.fullName })]);
    return { person, household, relations };
  });
}
