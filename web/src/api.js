// A thin client for parley's JSON API (docs/api.md). The credential (a session id from sign-in, or an API
// token) is kept in localStorage and sent as a Bearer header; the event stream gets it as ?access_token=.

const KEY = 'parley.credential';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export function credential() {
  try {
    return localStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

export function setCredential(value) {
  try {
    if (value) localStorage.setItem(KEY, value);
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the cookie still works for sessions */
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function api(path, { method = 'GET', body, params, signal, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  const cred = credential();
  if (cred) headers.Authorization = `Bearer ${cred}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}${qs(params)}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {};
    if (res.status === 401 && !quiet401) onUnauthorized();
    throw new ApiError(res.status, err.code, err.message || `${res.status} ${res.statusText}`);
  }
  return data;
}

export const get = (path, params, opts = {}) => api(path, { ...opts, params });
export const post = (path, body, opts = {}) => api(path, { ...opts, method: 'POST', body });

export async function login(user, password) {
  const data = await api('/auth/login', { method: 'POST', body: { user, password }, quiet401: true });
  setCredential(data.session);
  return data;
}

export async function logout() {
  try {
    await api('/auth/logout', { method: 'POST', quiet401: true });
  } catch {
    /* already gone */
  }
  setCredential('');
}

export function eventsUrl(lastEventId) {
  return `/api/v1/events${qs({ access_token: credential(), last_event_id: lastEventId })}`;
}

export function caseAction(id, action) {
  return post(`/cases/${id}/actions`, action);
}
