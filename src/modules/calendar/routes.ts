import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { hasRoleAtCityLevel } from '../identity/authz.ts';
import { addSetting, currentSetting, deleteCalendarDay, getCalendar, listSettings, setCalendarDay, yearSchedule } from './service.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export function calendarRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The calendar sets every agency's due dates: administrators of the city level only.
  const requireAdmin = async (req: { principal: any }) => {
    if (!req.principal) throw problems.unauthenticated();
    if (!(await hasRoleAtCityLevel(ctx.db, req.principal, ['system_admin', 'catalog_admin']))) throw problems.forbidden();
  };

  r.get('/calendar/years/:year', {
    schema: { tags: ['calendar'], summary: 'Days off and make-up working days of a year', params: z.object({ year: z.coerce.number().int().min(1900).max(2100) }) },
  }, async (req) => yearSchedule(ctx.db, req.params.year));

  r.put('/calendar/days/:date', {
    schema: {
      tags: ['calendar'], summary: 'Declare a day off or a make-up working day (official schedule)',
      params: z.object({ date: z.iso.date() }),
      body: z.object({ kind: z.enum(['day_off', 'workday']), name: z.string().min(1).max(200), nameEn: z.string().min(1).max(200), source: z.string().min(1).max(300) }),
    },
  }, async (req) => {
    await requireAdmin(req);
    await setCalendarDay(ctx.db, { date: req.params.date, ...req.body });
    return yearSchedule(ctx.db, Number(req.params.date.slice(0, 4)));
  });

  r.delete('/calendar/days/:date', {
    schema: { tags: ['calendar'], summary: 'Remove a day from the year schedule', params: z.object({ date: z.iso.date() }) },
  }, async (req) => {
    await requireAdmin(req);
    if (!(await deleteCalendarDay(ctx.db, req.params.date))) throw problems.notFound('ngày trong lịch', 'Calendar day');
    return yearSchedule(ctx.db, Number(req.params.date.slice(0, 4)));
  });

  r.get('/calendar/settings', { schema: { tags: ['calendar'], summary: 'Working hours, weekend and cut-off, by effective date' } },
    async () => ({ current: await currentSetting(ctx.db), versions: await listSettings(ctx.db) }));

  r.post('/calendar/settings', {
    schema: {
      tags: ['calendar'], summary: 'A new version of working hours effective from a date',
      body: z.object({
        effectiveFrom: z.iso.date(),
        workingPeriods: z.array(z.object({ start: clock, end: clock })).min(1).max(6),
        weekend: z.array(z.number().int().min(1).max(7)).max(6),
        sameDayCutoff: clock,
        note: z.string().max(500).nullable().default(null),
      }),
    },
  }, async (req, reply) => {
    await requireAdmin(req);
    try {
      await addSetting(ctx.db, req.body);
    } catch (e) {
      if (e instanceof RangeError) throw new Problem(400, 'validation', `Cấu hình giờ làm việc không hợp lệ: ${e.message}`, `Invalid working hours: ${e.message}`);
      throw e;
    }
    reply.status(201);
    return { current: await currentSetting(ctx.db), versions: await listSettings(ctx.db) };
  });

  r.get('/calendar/due-date', {
    schema: {
      tags: ['calendar'], summary: 'When a dossier received at `from` is due, for a deadline',
      querystring: z.object({ from: z.iso.datetime({ offset: true }), unit: z.enum(['working_days', 'working_hours', 'same_day']), value: z.coerce.number().min(0).max(365).default(0) }),
    },
  }, async (req) => {
    const cal = await getCalendar(ctx.db);
    const from = new Date(req.query.from);
    const due = cal.dueDate(from, { unit: req.query.unit, value: req.query.value });
    return { from: from.toISOString(), countingFrom: cal.startOfCounting(from).toISOString(), dueAt: due.toISOString(), dueLocal: cal.formatLocal(due) };
  });
}
