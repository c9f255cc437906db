import type { Api } from './server.ts';

/** A small but well-formed PDF (what a scanner or a browser "print to PDF" produces, minus the pages' content). */
export function tinyPdf(label = 'Motcua test'): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n% ${label}\ntrailer <</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG. */
export function tinyPng(): Buffer {
  return Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
}

export async function upload(api: Api, bytes: Buffer, filename = 'giay-to.pdf', type = 'application/pdf') {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  return api.call('POST', '/api/v1/files', fd);
}

export async function uploadOk(api: Api, bytes = tinyPdf(), filename?: string, type?: string): Promise<string> {
  const r = await upload(api, bytes, filename, type);
  if (r.status !== 201) throw new Error(`upload failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}
