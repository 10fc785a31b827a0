// Who the operator is: a pasted bearer token (local runs: scripts/local-token), or, where command-api is
// configured with an identity provider, its login (authorization code with PKCE). The token lives in
// sessionStorage: it survives a reload of this tab and nothing else.
const KEY = 'relay.console.token';
const listeners = [];

export const token = () => sessionStorage.getItem(KEY);
export const onChange = (listener) => listeners.push(listener);

export function signIn(value) {
  sessionStorage.setItem(KEY, value.trim().replace(/^Bearer\s+/i, ''));
  listeners.forEach((listener) => listener());
}

export function signOut(reason) {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(reason));
}

/** The token's claims for display only; the server is what checks it. */
export function claims() {
  const value = token();
  if (!value) return null;
  try {
    const payload = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')));
  } catch {
    return {};
  }
}

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const redirectUri = () => `${location.origin}/console/`;

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the identity provider's configuration could not be read (${response.status})`);
  return response.json();
}

export async function startLogin(config) {
  const provider = await discover(config.issuer);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('relay.console.pkce', JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(),
    scope: config.scope, state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(`${provider.authorization_endpoint}?${query}`);
}

/** On the way back from the identity provider: trade the code for a token. */
export async function finishLogin(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code')) return false;
  const pending = JSON.parse(sessionStorage.getItem('relay.console.pkce') || 'null');
  sessionStorage.removeItem('relay.console.pkce');
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('the login answer does not match the login we started');
  const provider = await discover(config.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`the identity provider refused the login (${response.status})`);
  signIn((await response.json()).access_token);
  return true;
}
