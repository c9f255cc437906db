/** Who is calling: a signed-in staff member or citizen (resolved by the identity module). */
export type Role =
  | 'desk_officer'
  | 'processing_officer'
  | 'head_of_division'
  | 'signing_authority'
  | 'supervisor'
  | 'catalog_admin'
  | 'system_admin';

export interface RoleGrant {
  role: Role;
  /** Organisation unit the role applies to (an agency, or a division/desk inside it). */
  unitId: string;
}

export interface Principal {
  kind: 'staff' | 'citizen';
  userId: string;
  sessionId: string;
  name: string;
  roles: RoleGrant[];
  /** Citizens: their personal ID number (12 digits). */
  idNumber?: string;
  /** Citizens: identity level of their national e-ID account (1 or 2); undefined when unknown. */
  eidLevel?: 1 | 2;
  phone?: string;
  email?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
