// The dead-letter console: every DLQ of every service, failures grouped, messages in full, and replay or
// discard of one message, a selection, a group or a filter, always planned by a dry run first.
import { api, ApiError } from './api.js';
import { claims, finishLogin, onChange, signIn, signOut, startLogin, token } from './auth.js';
import { age, h, prettyJson, shortClass, table, when } from './dom.js';

const main = document.getElementById('main');
const status = document.getElementById('status');
let config = { login: 'token' };

let quiet;
const say = (text) => {
  status.textContent = text;
  clearTimeout(quiet);
  quiet = setTimeout(() => { status.textContent = ''; }, 8000);
};
const present = (nodes) => nodes.filter((node) => node !== null && node !== undefined && node !== false);

function show(title, ...content) {
  const heading = h('h2', { tabindex: -1, id: 'view-title' }, title);
  main.replaceChildren(heading, ...present(content));
  document.title = `${title} · dead letters · Origin Relay`;
  heading.focus();
}

function failure(error) {
  const detail = error instanceof ApiError ? `${error.status}: ${error.message}` : error.message;
  const transient = error instanceof ApiError && error.status === 503;
  return h('p', { class: 'error', role: 'alert' }, detail, ' ',
    transient ? h('button', { type: 'button', class: 'link', onclick: () => route() }, 'Try again') : null);
}

const link = (href, text, attributes = {}) => h('a', { href, ...attributes }, text);
const queueHref = (queue) => `#/queue/${encodeURIComponent(queue)}`;
const messageHref = (queue, id) => `#/message/${encodeURIComponent(queue)}/${encodeURIComponent(id)}`;

// ---- sign-in ---------------------------------------------------------------------------------------

function renderIdentity() {
  const who = claims();
  const identity = document.getElementById('identity');
  identity.replaceChildren(who
    ? h('span', {}, 'Signed in as ', h('strong', { id: 'operator' }, who.sub || '(no subject)'), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => signOut() }, 'Sign out'))
    : h('span', {}, 'Not signed in'));
}

function signInView(reason) {
  const field = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'token-help' });
  const form = h('form', { class: 'card', onsubmit: (event) => { event.preventDefault(); signIn(field.value); } },
    h('label', { for: 'token' }, 'Bearer token'),
    h('p', { id: 'token-help', class: 'hint' }, 'An operator token. For a local run: scripts/local-token ops operator.'),
    field,
    h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  const login = config.login === 'oidc'
    ? h('p', {}, h('button', { type: 'button', id: 'oidc-login', onclick: () => startLogin(config).catch((e) => say(e.message)) },
        'Sign in with the identity provider'), ' or paste a token:')
    : null;
  show('Sign in', reason ? h('p', { class: 'error', role: 'alert' }, reason) : null, login, form);
}

// ---- overview: queues and groups -------------------------------------------------------------------

async function overview() {
  show('Queues & groups', h('p', { class: 'hint' }, 'Loading…'));
  try {
    const [queues, groups] = await Promise.all([api.queues(), api.groups()]);
    const total = queues.reduce((sum, queue) => sum + (queue.messages || 0), 0);
    show('Queues & groups',
      h('p', { id: 'summary' }, `${total} message(s) parked in ${queues.filter((q) => q.messages).length} of ${queues.length} dead-letter queues.`),
      table('Dead-letter queues', ['Queue', 'Service', 'Messages', 'Oldest', 'Replays to'],
        queues.map((queue) => h('tr', { 'data-queue': queue.queue },
          h('th', { scope: 'row' }, link(queueHref(queue.queue), queue.queue)),
          h('td', {}, queue.service),
          h('td', { class: 'number', 'data-count': queue.messages ?? '' }, queue.declared ? queue.messages : 'not declared'),
          h('td', {}, age(queue.oldestAgeSeconds)),
          h('td', {}, queue.replayTarget))), { id: 'queues' }),
      h('h3', {}, 'Failure groups'),
      groups.length === 0 ? h('p', { id: 'no-groups' }, 'Nothing is parked.') : table('Failure groups',
        ['Queue', 'Exception', 'Reason', 'Messages', 'First failure', 'Last failure', 'Act on the group'],
        groups.map((group) => groupRow(group)), { id: 'groups' }));
  } catch (error) {
    show('Queues & groups', failure(error));
    retryWhileUnavailable(error, '#/');
  }
}

/** RabbitMQ or the registry not reachable yet: look again in a few seconds while this view is open. */
function retryWhileUnavailable(error, view) {
  if (!(error instanceof ApiError) || error.status !== 503) return;
  say('RabbitMQ is not reachable; trying again in 5 s.');
  setTimeout(() => {
    if ((location.hash || '#/') === view) route();
  }, 5000);
}

function groupSelection(group) {
  return { exceptionClass: group.exceptionClass, reason: group.reason };
}

function groupRow(group) {
  const selection = groupSelection(group);
  const label = `${group.count} × ${shortClass(group.exceptionClass)} in ${group.queue}`;
  return h('tr', { 'data-group': `${group.queue}|${group.exceptionClass}|${group.reason}` },
    h('td', {}, link(queueHref(group.queue), group.queue)),
    h('td', { title: group.exceptionClass || '' }, shortClass(group.exceptionClass)),
    h('td', { class: 'reason' }, group.reason),
    h('td', { class: 'number' }, group.count),
    h('td', {}, when(group.firstFailureAt)),
    h('td', {}, when(group.lastFailureAt)),
    h('td', { class: 'actions' },
      h('button', { type: 'button', 'data-action': 'replay', 'aria-label': `Dry-run replay of ${label}`,
        onclick: () => dryRun('replay', group.queue, selection, label) }, 'Replay…'),
      h('button', { type: 'button', 'data-action': 'discard', class: 'danger', 'aria-label': `Dry-run discard of ${label}`,
        onclick: () => dryRun('discard', group.queue, selection, label) }, 'Discard…')));
}

// ---- one queue: its messages, a filter, a selection ------------------------------------------------

async function queueView(queue) {
  show(queue, h('p', { class: 'hint' }, 'Loading…'));
  try {
    const [messages, groups] = await Promise.all([api.messages(queue, 200), api.groups(queue)]);
    const chosen = new Set();
    const selectedCount = h('span', { id: 'selected-count' }, '0 selected');
    const onToggle = (id, checked) => {
      if (checked) chosen.add(id); else chosen.delete(id);
      selectedCount.textContent = `${chosen.size} selected`;
    };
    const rows = messages.map((letter) => h('tr', { 'data-message': letter.messageId },
      h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Select message ${letter.messageId}`,
        onchange: (event) => onToggle(letter.messageId, event.target.checked) })),
      h('th', { scope: 'row' }, link(messageHref(queue, letter.messageId), letter.messageId ?? '(no id)', { class: 'mono' })),
      h('td', {}, letter.type),
      h('td', { title: letter.exceptionClass || '' }, shortClass(letter.exceptionClass)),
      h('td', { class: 'reason' }, letter.reason),
      h('td', { class: 'number' }, letter.deliveries ?? '—'),
      h('td', { class: 'number' }, letter.retries),
      h('td', {}, when(letter.parkedAt))));
    const selectionActions = h('div', { class: 'toolbar' }, selectedCount,
      h('button', { type: 'button', id: 'replay-selected',
        onclick: () => chosen.size && dryRun('replay', queue, { messageIds: [...chosen] }, `${chosen.size} selected message(s)`) }, 'Replay selected…'),
      h('button', { type: 'button', class: 'danger', id: 'discard-selected',
        onclick: () => chosen.size && dryRun('discard', queue, { messageIds: [...chosen] }, `${chosen.size} selected message(s)`) }, 'Discard selected…'));
    show(queue,
      h('p', {}, link('#/', '← All queues')),
      filterForm(queue),
      groups.length ? table(`Failure groups in ${queue}`, ['Queue', 'Exception', 'Reason', 'Messages', 'First failure', 'Last failure', 'Act on the group'],
        groups.map(groupRow), { id: 'groups' }) : null,
      h('h3', {}, `Messages (first ${messages.length})`),
      selectionActions,
      messages.length === 0 ? h('p', {}, 'Nothing is parked here.') : table(`Messages parked in ${queue}`,
        ['', 'Message id', 'Type', 'Exception', 'Reason', 'Deliveries', 'Retries', 'Parked'], rows, { id: 'messages' }));
  } catch (error) {
    show(queue, h('p', {}, link('#/', '← All queues')), failure(error));
  }
}

function filterForm(queue) {
  const field = (id, label, attributes = {}) => h('div', { class: 'field' },
    h('label', { for: id }, label), h('input', { id, name: id, ...attributes }));
  const form = h('form', { class: 'card filter', 'aria-labelledby': 'filter-title' },
    h('h3', { id: 'filter-title' }, 'Select by filter'),
    field('f-type', 'Type', { placeholder: 'TransferSliceRequested' }),
    field('f-reason', 'Reason contains'),
    field('f-exception', 'Exception class', { placeholder: 'org.example.SomeException' }),
    field('f-older', 'Parked before', { type: 'datetime-local' }),
    h('div', { class: 'field check' }, h('input', { id: 'f-all', type: 'checkbox' }), h('label', { for: 'f-all' }, 'Everything in the queue')),
    h('div', { class: 'toolbar' },
      h('button', { type: 'submit', value: 'replay' }, 'Replay matching…'),
      h('button', { type: 'submit', value: 'discard', class: 'danger' }, 'Discard matching…')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim() || undefined;
    const older = value('f-older');
    const selection = { type: value('f-type'), reasonContains: value('f-reason'), exceptionClass: value('f-exception'),
      olderThan: older ? new Date(older).toISOString() : undefined, all: form.querySelector('#f-all').checked || undefined };
    dryRun(event.submitter?.value || 'replay', queue, selection, 'the messages matching the filter');
  });
  return form;
}

// ---- one message -----------------------------------------------------------------------------------

async function messageView(queue, id) {
  show(`Message ${id}`, h('p', { class: 'hint' }, 'Loading…'));
  try {
    const letter = await api.message(queue, id);
    const correlation = letter.correlationId ? await api.correlation(letter.correlationId).catch(() => null) : null;
    const facts = [
      ['Queue', letter.queue], ['Type', letter.type], ['Correlation id', letter.correlationId],
      ['Original exchange', letter.originalExchange], ['Routing key', letter.routingKey],
      ['Original queue', letter.originalQueue], ['Failing service', letter.failedService],
      ['Exception', letter.exceptionClass], ['Reason', letter.reason],
      ['Deliveries (consumer tries)', letter.deliveries ?? 'unknown (parked by the broker)'],
      ['Retries (ladder passes)', letter.retries], ['Replayed before', letter.replayCount],
      ['First failure', when(letter.firstFailureAt)], ['Last failure', when(letter.lastFailureAt)],
      ['Parked', when(letter.parkedAt)],
    ];
    const selection = { messageIds: [letter.messageId] };
    show(`Message ${id}`,
      h('p', {}, link(queueHref(queue), `← ${queue}`)),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', id: 'replay-message', onclick: () => dryRun('replay', queue, selection, `message ${id}`) }, 'Replay…'),
        h('button', { type: 'button', id: 'discard-message', class: 'danger', onclick: () => dryRun('discard', queue, selection, `message ${id}`) }, 'Discard…')),
      h('dl', { class: 'facts', id: 'facts' }, facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')])),
      correlationSection(letter, correlation),
      h('h3', {}, 'Body'), h('pre', { id: 'body', class: 'code', tabindex: 0 }, prettyJson(letter.body)),
      h('h3', {}, 'Stack trace at the failure'),
      h('pre', { id: 'stack-trace', class: 'code', tabindex: 0 }, letter.stackTrace || '(none recorded)'),
      h('h3', {}, 'Headers'),
      table('Headers', ['Header', 'Value'], Object.entries(letter.headers || {}).map(([name, value]) =>
        h('tr', {}, h('th', { scope: 'row', class: 'mono' }, name), h('td', { class: 'mono wrap' }, value))), { id: 'headers' }));
  } catch (error) {
    show(`Message ${id}`, h('p', {}, link(queueHref(queue), `← ${queue}`)), failure(error));
  }
}

function correlationSection(letter, correlation) {
  if (!letter.correlationId) return null;
  const others = (correlation?.deadLetters || []).filter((other) => !(other.queue === letter.queue && other.messageId === letter.messageId));
  const command = correlation?.command;
  return h('section', { id: 'correlation', 'aria-labelledby': 'correlation-title' },
    h('h3', { id: 'correlation-title' }, `Correlation ${letter.correlationId}`),
    command
      ? h('p', { id: 'command' }, 'Command ', h('strong', {}, command.command), ' is ',
          h('strong', { 'data-status': command.status }, command.status), command.reason ? ` (${command.reason})` : '',
          ` after ${command.history.length} report(s).`)
      : h('p', {}, 'No command of this id was accepted by command-api.'),
    others.length
      ? h('ul', {}, others.map((other) => h('li', {}, link(messageHref(other.queue, other.messageId), `${other.queue}: ${other.type} (${other.reason ?? 'no reason'})`))))
      : h('p', {}, 'No other dead letter has this correlation id.'));
}

// ---- dry run, then the real thing, with progress ---------------------------------------------------

async function dryRun(action, queue, selection, label) {
  const panel = h('section', { id: 'plan', class: 'card plan', role: 'region', 'aria-labelledby': 'plan-title' },
    h('h3', { id: 'plan-title', tabindex: -1 }, `Dry run: ${action} ${label}`), h('p', {}, 'Reading the queue…'));
  document.getElementById('plan')?.remove();
  main.querySelector('#view-title').after(panel);
  panel.querySelector('h3').focus();
  try {
    const { plan } = await api.plan(action, queue, selection);
    const verb = action === 'replay' ? 'Replay' : 'Discard';
    const rate = h('input', { id: 'rate', type: 'number', min: 1, max: 1000, value: 100, inputmode: 'numeric' });
    const go = h('button', { type: 'button', id: 'confirm', class: action === 'discard' ? 'danger' : '',
      disabled: plan.matched === 0 || plan.unreplayableCount > 0,
      onclick: () => execute(action, queue, selection, panel, action === 'replay' ? Number(rate.value) : undefined) },
      `${verb} ${plan.matched} message(s)`);
    panel.replaceChildren(...present([
      h('h3', { id: 'plan-title', tabindex: -1 }, `Dry run: ${action} ${label}`),
      h('p', { id: 'plan-summary' }, `${plan.matched} of ${plan.examined} parked message(s) in ${queue} match; nothing has been changed yet.`),
      plan.moves.length ? h('ul', { id: 'plan-moves' }, plan.moves.map((move) => h('li', {}, `${move.messages} → ${move.destination}`))) : null,
      plan.unreplayableCount ? h('div', { class: 'error', role: 'alert' }, `${plan.unreplayableCount} message(s) cannot be replayed:`,
        h('ul', {}, plan.unreplayable.map((refused) => h('li', {}, refused.why)))) : null,
      action === 'replay' ? h('div', { class: 'field' }, h('label', { for: 'rate' }, 'Messages per second'), rate) : null,
      h('div', { class: 'toolbar' }, go, h('button', { type: 'button', onclick: () => panel.remove() }, 'Cancel'))]));
    panel.querySelector('h3').focus();
  } catch (error) {
    panel.append(failure(error));
  }
}

async function execute(action, queue, selection, panel, ratePerSecond) {
  panel.querySelector('#confirm').disabled = true;
  try {
    let run = await api.start(action, queue, selection, ratePerSecond);
    const bar = h('progress', { id: 'progress', max: Math.max(run.planned, 1), value: run.done, 'aria-label': `${action} progress` });
    const text = h('p', { id: 'progress-text', 'aria-live': 'polite' });
    const stop = h('button', { type: 'button', onclick: () => api.cancel(run.operationId) }, 'Stop');
    panel.replaceChildren(h('h3', { tabindex: -1 }, `${action === 'replay' ? 'Replaying' : 'Discarding'} in ${queue}`), bar, text, stop);
    while (true) {
      bar.value = run.done;
      text.textContent = `${run.done} of ${run.planned} — ${run.status}${run.detail ? `: ${run.detail}` : ''}`;
      if (run.status !== 'RUNNING') break;
      await new Promise((resolve) => { setTimeout(resolve, 500); });
      run = await api.operation(run.operationId);
    }
    stop.remove();
    panel.append(h('p', {}, link('#/audit', 'See it in the audit log'), ' · ',
      h('button', { type: 'button', class: 'link', id: 'refresh', onclick: route }, 'Refresh this view')));
    say(`${action} ${run.status.toLowerCase()}: ${run.done} of ${run.planned} message(s).`);
  } catch (error) {
    panel.append(failure(error));
  }
}

// ---- operations and audit --------------------------------------------------------------------------

async function operationsView() {
  show('Operations', h('p', { class: 'hint' }, 'Loading…'));
  try {
    const runs = await api.operations();
    show('Operations', h('p', { class: 'hint' }, 'Replays and discards since this command-api instance started.'),
      runs.length === 0 ? h('p', {}, 'None yet.') : table('Operations', ['Started', 'Action', 'Queue', 'Operator', 'Progress', 'Status'],
        runs.map((run) => h('tr', {}, h('td', {}, when(run.startedAt)), h('td', {}, run.action), h('td', {}, run.queue),
          h('td', {}, run.operator), h('td', {}, h('progress', { max: Math.max(run.planned, 1), value: run.done,
            'aria-label': `${run.done} of ${run.planned}` }), ` ${run.done}/${run.planned}`),
          h('td', {}, run.status, run.detail ? `: ${run.detail}` : '')))));
  } catch (error) {
    show('Operations', failure(error));
  }
}

async function auditView() {
  show('Audit log', h('p', { class: 'hint' }, 'Loading…'));
  const search = h('input', { id: 'audit-message', name: 'messageId', placeholder: 'message id' });
  const form = h('form', { class: 'toolbar', role: 'search' }, h('label', { for: 'audit-message' }, 'Find a message'), search,
    h('button', { type: 'submit' }, 'Find'));
  const render = async (messageId) => {
    try {
      const entries = await api.audit(messageId ? { messageId } : {});
      const rows = entries.map((entry) => h('tr', { 'data-operation': entry.operationId },
        h('td', {}, when(entry.startedAt)), h('td', { 'data-operator': entry.operator }, entry.operator),
        h('td', {}, entry.action), h('td', {}, entry.queue), h('td', { class: 'mono wrap' }, entry.selection),
        h('td', { class: 'number' }, `${entry.done}/${entry.planned}`), h('td', {}, entry.status),
        h('td', { class: 'mono wrap' }, entry.messageIds.join(' '), entry.messageIdsTruncated ? ' …' : '')));
      show('Audit log', form, entries.length === 0 ? h('p', {}, 'No operation on record.')
        : table('Audit log', ['Started', 'Operator', 'Action', 'Queue', 'Selection', 'Moved', 'Status', 'Messages'], rows, { id: 'audit' }));
    } catch (error) {
      show('Audit log', form, failure(error));
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); render(search.value.trim()); });
  render();
}

// ---- routing ---------------------------------------------------------------------------------------

function route() {
  renderIdentity();
  if (!token()) return signInView();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  document.querySelectorAll('[data-nav]').forEach((nav) => {
    const current = (parts[0] || 'overview') === nav.dataset.nav || (nav.dataset.nav === 'overview' && ['queue', 'message'].includes(parts[0]));
    if (current) nav.setAttribute('aria-current', 'page'); else nav.removeAttribute('aria-current');
  });
  switch (parts[0]) {
    case 'queue': return queueView(parts[1]);
    case 'message': return messageView(parts[1], parts.slice(2).join('/'));
    case 'audit': return auditView();
    case 'operations': return operationsView();
    default: return overview();
  }
}

onChange((reason) => (reason ? (renderIdentity(), signInView(reason)) : route()));
window.addEventListener('hashchange', route);

(async () => {
  try {
    config = await fetch('config.json').then((response) => response.json());
    if (config.login === 'oidc') await finishLogin(config);
  } catch (error) {
    say(error.message);
  }
  route();
})();
