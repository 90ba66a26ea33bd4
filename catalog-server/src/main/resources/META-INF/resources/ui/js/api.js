// Every call the console makes goes through here, with the token the user signed in with (kept in
// this tab's sessionStorage only, under the key the SAML sign-in also writes).
export const TOKEN_KEY = 'gatehouse.lineage.token';
export const UC = '/api/2.1/unity-catalog';
export const GH = '/api/gatehouse/v1';

let pending = 0;
const listeners = new Set();

export function busy() { return pending > 0; }
export function onBusy(f) { listeners.add(f); }
function changed() { listeners.forEach((f) => f(pending > 0)); }

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function setToken(t) { if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY); }

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.detail)) || ('HTTP ' + status));
    this.status = status;
    this.code = body && body.error_code;
  }
}

/** Calls the API: path with query params; body (an object) is sent as JSON. */
export async function call(method, path, params, body, accept) {
  const url = new URL(path, window.location.origin);
  Object.entries(params || {}).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v); });
  const headers = { 'Authorization': 'Bearer ' + token(), 'Accept': accept || 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  pending++;
  changed();
  try {
    const response = await fetch(url, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  } finally {
    pending--;
    changed();
  }
}

export const get = (path, params, accept) => call('GET', path, params, undefined, accept);

/** Every page of a Unity Catalog listing (max 20 pages of 500: a console, not an export). */
export async function listAll(path, params, field) {
  const out = [];
  let pageToken;
  for (let i = 0; i < 20; i++) {
    const page = await get(UC + path, Object.assign({ max_results: 500, include_browse: true, page_token: pageToken }, params));
    (page[field] || []).forEach((x) => out.push(x));
    pageToken = page.next_page_token;
    if (!pageToken) break;
  }
  return out;
}

/** Runs a SQL script as the caller through the SQL endpoint. */
export function sql(statement) {
  return call('POST', GH + '/sql', {}, { statement });
}

/** A name quoted for Databricks SQL: backticks, with a backtick inside doubled. */
export function quote(name) {
  return '`' + String(name).replace(/`/g, '``') + '`';
}

export function quoteFull(fullName) {
  return splitFull(fullName).map(quote).join('.');
}

/** Splits catalog.schema.name (names from the API hold no dots in practice; a quoted form is not produced by it). */
export function splitFull(fullName) {
  return String(fullName).split('.');
}
