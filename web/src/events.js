// One shared EventSource on /api/v1/events for the whole app. Screens subscribe to case events; the
// browser reconnects by itself and sends Last-Event-ID, so missed events are replayed; `gap` means the
// server no longer had them and listeners should reload.
import { eventsUrl } from './api.js';

const TYPES = [
  'opened', 'queued', 'assigned', 'customer_post', 'first_response', 'response', 'community_reply',
  'sla_warning', 'sla_breached', 'resolved', 'reopened', 'resumed', 'waiting', 'note', 'handoff', 'tagged',
  'priority', 'merged', 'csat', 'answer_accepted', 'updated',
];

let source = null;
let status = 'off';
const listeners = new Set();
const statusListeners = new Set();

function setStatus(s) {
  status = s;
  for (const fn of statusListeners) fn(s);
}

function dispatch(type, raw) {
  let data = null;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    data = null;
  }
  for (const fn of listeners) {
    try {
      fn(type, data);
    } catch (e) {
      console.error(e);
    }
  }
}

export function connect() {
  if (source) return;
  source = new EventSource(eventsUrl());
  setStatus('connecting');
  source.onopen = () => setStatus('live');
  source.onerror = () => setStatus(source && source.readyState === EventSource.CLOSED ? 'off' : 'reconnecting');
  for (const t of TYPES) source.addEventListener(`case.${t}`, (ev) => dispatch(t, ev.data));
  source.addEventListener('message', (ev) => dispatch('message', ev.data));
  source.addEventListener('gap', () => dispatch('gap', null));
}

export function disconnect() {
  if (source) source.close();
  source = null;
  setStatus('off');
}

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function onStatus(fn) {
  statusListeners.add(fn);
  fn(status);
  return () => statusListeners.delete(fn);
}
