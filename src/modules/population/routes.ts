import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { hasRoleAnywhere, requireCitizen, requireStaff } from '../identity/authz.ts';
import { versionOn } from '../catalog/service.ts';
import { populationRegistry, prefillFor } from './service.ts';
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

  r.get('/my/population-record', {
    schema: {
      tags: ['population'],
      summary: 'My record in the population database, and the values a procedure\'s form takes from it (citizen)',
      description: 'found=false when the database has no record for the signed-in citizen: the form is then filled in by hand and checked by structure only. With procedureCode, `prefill` lists {path, value, editable, source} for that procedure\'s form: identity fields (editable=false) are shown read-only and re-verified on submission; contact details (editable=true) are suggestions.',
      querystring: z.object({ procedureCode: z.string().max(30).optional() }),
    },
  }, async (req) => {
    const p = requireCitizen(req.principal);
    const code = req.query.procedureCode;
    const version = code ? await versionOn(ctx.db, code) : null;
    if (code && !version) throw problems.notFound(`thủ tục mã ${code}`, `Procedure ${code}`);
    return { adapter: registry.name, ...(await prefillFor(ctx.db, p, code ?? null, version?.definition.form ?? null)) };
  });

  r.get('/population/status', {
    schema: { tags: ['population'], summary: 'Which population-data adapter answers and how many people it holds (system administrators)' },
  }, async (req) => {
    const p = requireStaff(req.principal);
    if (!hasRoleAnywhere(p, ['system_admin'])) throw problems.forbidden('Chỉ quản trị hệ thống xem được trạng thái nguồn dữ liệu dân cư.', 'Only system administrators may see the population data source\'s status.');
    return registry.status();
  });
}
