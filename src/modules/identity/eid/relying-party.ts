import * as client from 'openid-client';
import { classifyRpError, eidFailures } from './failures.ts';
import type { LoginTx } from './transactions.ts';

/** Where the provider is and who Motcua is to it (from OIDC_* or the bundled demo provider). */
export interface EidSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  /** Where the provider sends the browser back after RP-initiated logout (register it there). */
  postLogoutRedirectUri: string;
  /** The bundled demo provider (src/simulators/vneid) rather than one named by OIDC_ISSUER. */
  bundled: boolean;
}

/** Scopes: standard OIDC ones plus `vneid` for the ID number, identity level and place of origin. */
export const EID_SCOPES = 'openid profile phone address vneid';

/**
 * The OpenID Connect relying party (openid-client): discovery through .well-known, authorization
 * code flow with PKCE (S256), state and nonce, ID-token validation — issuer, audience, expiry,
 * nonce and (non-repudiation checks on) the signature against the provider's JWKS — UserInfo, and
 * RP-initiated logout. Works with any standard provider; plain http only for local providers.
 */
export class EidRelyingParty {
  #settings?: EidSettings;
  #config?: Promise<client.Configuration>;

  configure(s: EidSettings) {
    this.#settings = s;
    this.#config = undefined;
  }

  get settings(): EidSettings | undefined {
    return this.#settings;
  }

  /** Discovery once, then cached; a failed discovery is retried at the next sign-in. */
  async configuration(): Promise<client.Configuration> {
    const s = this.#settings;
    if (!s) throw eidFailures.notConfigured();
    if (!this.#config) {
      const issuer = new URL(s.issuer);
      const p = (async () => {
        const found = await client.discovery(issuer, s.clientId, undefined, undefined, { execute: this.#insecure(issuer), timeout: 10 });
        const meta = found.serverMetadata();
        const supported = meta.token_endpoint_auth_methods_supported;
        // client_secret_basic is the OAuth default; use _post only when the provider offers nothing else.
        const auth = !s.clientSecret ? client.None()
          : !supported || supported.includes('client_secret_basic') ? client.ClientSecretBasic(s.clientSecret) : client.ClientSecretPost(s.clientSecret);
        const c = new client.Configuration(meta, s.clientId, { redirect_uris: [s.redirectUri], response_types: ['code'] }, auth);
        for (const f of this.#insecure(issuer)) f(c);
        // Verify the ID token's signature against the provider's JWKS even though it came straight from the token endpoint.
        client.enableNonRepudiationChecks(c);
        return c;
      })();
      this.#config = p;
      p.catch(() => { if (this.#config === p) this.#config = undefined; });
    }
    try {
      return await this.#config;
    } catch (e) {
      throw eidFailures.providerUnreachable(String((e as Error)?.message ?? e));
    }
  }

  #insecure(issuer: URL) {
    return issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  }

  async authorizationUrl(tx: LoginTx, uiLocales = 'vi'): Promise<URL> {
    const config = await this.configuration();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.#settings!.redirectUri,
      response_type: 'code',
      scope: EID_SCOPES,
      state: tx.state,
      nonce: tx.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(tx.codeVerifier),
      code_challenge_method: 'S256',
      ui_locales: uiLocales,
    });
  }

  /**
   * Completes the code flow for the callback's query string: checks state and the `iss` response
   * parameter, redeems the code with the PKCE verifier, validates the ID token (nonce included) and
   * merges the UserInfo claims (same subject enforced) over the ID token's.
   */
  async complete(query: string, tx: LoginTx): Promise<{ issuer: string; subject: string; claims: Record<string, unknown>; idToken: string }> {
    const config = await this.configuration();
    const s = this.#settings!;
    if (tx.issuer !== s.issuer) throw eidFailures.unknownState();
    // The redirect URI as registered (not as seen behind a proxy), with the provider's parameters.
    const current = new URL(s.redirectUri);
    current.search = query;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: tx.codeVerifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw eidFailures.tokenRejected('không có mã thông báo ID', 'no ID token was returned');
      let info: Record<string, unknown> = {};
      if (config.serverMetadata().userinfo_endpoint) {
        info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      }
      return { issuer: idClaims.iss, subject: idClaims.sub, claims: { ...idClaims, ...info }, idToken: tokens.id_token };
    } catch (e) {
      throw classifyRpError(e);
    }
  }

  /** The provider's end-session URL for this ID token, or null when it has none. */
  async endSessionUrl(idToken: string): Promise<URL | null> {
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch {
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.#settings!.postLogoutRedirectUri,
      client_id: this.#settings!.clientId,
    });
  }
}
