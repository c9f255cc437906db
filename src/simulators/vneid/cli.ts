import { startStandalone } from './standalone.ts';

/** `npm run eid-provider`: a second, separate demo e-ID provider (see standalone.ts for its settings). */
const s = await startStandalone();
console.log(`
VNeID demo provider (NOT the real VNeID) listening
  Issuer:         ${s.issuer}
  Discovery:      ${s.issuer}/.well-known/openid-configuration
  Client id:      ${s.client.clientId}
  Client secret:  ${s.client.clientSecret}
  Redirect URIs:  ${s.client.redirectUris.join(', ')}
  Post-logout:    ${s.client.postLogoutRedirectUris.join(', ')}

Point Motcua at it:
  OIDC_ISSUER=${s.issuer} OIDC_CLIENT_ID=${s.client.clientId} OIDC_CLIENT_SECRET=${s.client.clientSecret} OIDC_REDIRECT_URI=${s.client.redirectUris[0]} npm start

Accounts (password ${s.accounts[0]?.password}):
${s.accounts.map((a) => `  ${a.idNumber}  level ${a.level}  ${a.fullName} (${a.dateOfBirth}, ${a.sex})`).join('\n')}
`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => { void s.close().finally(() => process.exit(0)); });
}
