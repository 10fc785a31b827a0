// The console's only way to the server: command-api's dead-letter API with the operator's bearer token.
import { token, signOut } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) signOut('Your token was refused or has expired; sign in again.');
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

const base = '/api/v1/dead-letters';
const q = encodeURIComponent;

export const api = {
  queues: () => call('GET', base),
  groups: (queue) => call('GET', `${base}/groups${queue ? `?queue=${q(queue)}` : ''}`),
  messages: (queue, limit = 100) => call('GET', `${base}/${q(queue)}/messages?limit=${limit}`),
  message: (queue, id) => call('GET', `${base}/${q(queue)}/messages/${q(id)}`),
  correlation: (id) => call('GET', `${base}/correlations/${q(id)}`),
  command: (path) => call('GET', path),
  plan: (action, queue, selection) => call('POST', `${base}/${q(queue)}/${action}`, { ...selection, dryRun: true }),
  start: (action, queue, selection, ratePerSecond) =>
    call('POST', `${base}/${q(queue)}/${action}`, { ...selection, background: true, ...(ratePerSecond ? { ratePerSecond } : {}) }),
  operation: (id) => call('GET', `${base}/operations/${q(id)}`),
  operations: () => call('GET', `${base}/operations`),
  cancel: (id) => call('POST', `${base}/operations/${q(id)}/cancel`),
  audit: (params = {}) => call('GET', `${base}/audit?${new URLSearchParams({ limit: 100, ...params })}`),
};
