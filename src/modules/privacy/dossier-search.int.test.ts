import { describe, expect, it, inject } from 'vitest';
import { as } from '../../../test/server.ts';
import { AN, submit, useDossierSuite } from '../../../test/dossiers.ts';

/** Searching dossiers by a person's ID number is a look-up of that person: a purpose first, then logged. */
describe(`dossier search by ID number (${inject('pgKind')})`, () => {
  const s = useDossierSuite('lý lịch tư pháp');

  it('needs a purpose, is logged, and the citizen sees it; a search by code is not a person look-up', async () => {
    const d = (await submit(s.citizen, s.proc)).body;
    const desk = await as(s.srv.base, 'catp.tiepnhan');
    const bare = await desk.get(`/api/v1/dossiers?idNumber=${AN.idNumber}`);
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe('purpose_required');
    expect((await s.citizen.get('/api/v1/my/data-access')).body.items).toEqual([]);

    const found = await desk.get(`/api/v1/dossiers?idNumber=${AN.idNumber}&purpose=result_return`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((x: any) => x.code)).toContain(d.code);
    expect((await desk.get(`/api/v1/dossiers?code=${d.code}`)).status).toBe(200);

    const seen = (await s.citizen.get('/api/v1/my/data-access')).body.items;
    expect(seen).toHaveLength(1);
    expect(seen[0].object.kind).toBe('dossier_search');
    expect(seen[0].object.description.vi).toMatch(/Danh sách hồ sơ của bạn/);
    expect(seen[0].purpose.code).toBe('result_return');
  });
});
