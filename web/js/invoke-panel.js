// The invoke panel: an HTML form whose every button runs the equivalent Shell command line
// (echoed in the terminal with its output), so learners pick up the AWS CLI by watching.
// It holds no simulation logic: it only builds command lines and mirrors a little state
// (the role's attached policies) back into its checkboxes.

import { t } from './i18n.js';
import { checkJson } from './json-check.js';

export const FUNCTION = 'demo-lambda';
export const QUEUE = 'lambda-DLQ';
export const TOPIC = 'lambda-DLQ-topic';
export const SQS_POLICY = 'arn:aws:iam::aws:policy/AmazonSQSFullAccess';
export const SNS_POLICY = 'arn:aws:iam::aws:policy/AmazonSNSFullAccess';

// Quotes one argument for the Shell's POSIX-like tokenizer.
export function quote(arg) {
  const s = String(arg);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

// Account facts the commands need, read from the world's state with safe defaults.
export function accountOf(state) {
  const region = state?.region || 'ap-northeast-2';
  const account = state?.account || '123456789012';
  return { region, account };
}

export function functionOf(state) {
  const fns = state?.lambda?.functions;
  const list = Array.isArray(fns) ? fns : fns && typeof fns === 'object' ? Object.values(fns) : [];
  const found = list.find((f) => (f.configuration?.FunctionName ?? f.FunctionName ?? f.name) === FUNCTION);
  return found ?? null;
}

export function roleNameOf(state) {
  const f = functionOf(state);
  const arn = f?.configuration?.Role ?? f?.Role ?? f?.role;
  if (arn) return String(arn).split('/').pop();
  const roles = state?.iam?.roles ?? state?.iam;
  if (Array.isArray(roles) && roles.length) return roles[0].RoleName ?? roles[0].name ?? '';
  return '';
}

// The managed policy ARNs attached to `role`, whatever shape the iam state has.
export function attachedPolicies(state, role) {
  const roles = state?.iam?.roles ?? state?.iam;
  const list = Array.isArray(roles) ? roles : roles && typeof roles === 'object' ? Object.values(roles) : [];
  const r = list.find((x) => (x.RoleName ?? x.name) === role);
  if (!r) return [];
  const raw = r.AttachedPolicies ?? r.attachedPolicies ?? r.policies ?? r.ManagedPolicyArns ?? [];
  return raw.map((p) => (typeof p === 'string' ? p : p.PolicyArn ?? p.arn ?? ''));
}

export class InvokePanel {
  constructor(root, { exec, state }) {
    this.root = root; this.exec = exec; this.state = state;
    const $ = (id) => root.querySelector('#' + id);
    this.el = {
      payload: $('payload'), payloadStatus: $('payload-status'),
      sync: $('btn-sync'), async: $('btn-async'), cat: $('btn-cat'),
      failMode: $('fail-mode'), failN: $('fail-n'), failP: $('fail-p'), failMessage: $('fail-message'),
      failDuration: $('fail-duration'), failApply: $('btn-fail'),
      retryAttempts: $('retry-attempts'), retryAge: $('retry-age'), retryAgeError: $('retry-age-error'), retryApply: $('btn-retry'),
      createQueue: $('btn-create-queue'), createTopic: $('btn-create-topic'), dlqTarget: $('dlq-target'),
      dlqApply: $('btn-dlq'), receive: $('btn-receive'),
      permSqs: $('perm-sqs'), permSns: $('perm-sns'), roleName: $('role-name'),
    };
    const e = this.el;
    e.payload.addEventListener('input', () => this.checkPayload());
    e.sync.addEventListener('click', () => this.invoke(false));
    e.async.addEventListener('click', () => this.invoke(true));
    e.cat.addEventListener('click', () => this.exec('cat response.json'));
    e.failMode.addEventListener('change', () => this.showFailFields());
    e.failApply.addEventListener('click', () => this.applyFailure());
    e.retryAge.addEventListener('input', () => this.checkAge());
    e.retryApply.addEventListener('click', () => this.applyRetry());
    e.createQueue.addEventListener('click', () => this.exec(`aws sqs create-queue --queue-name ${QUEUE}`));
    e.createTopic.addEventListener('click', () => this.exec(`aws sns create-topic --name ${TOPIC}`));
    e.dlqApply.addEventListener('click', () => this.applyDlq());
    e.receive.addEventListener('click', () => this.receive());
    e.permSqs.addEventListener('change', () => this.permission(e.permSqs, SQS_POLICY));
    e.permSns.addEventListener('change', () => this.permission(e.permSns, SNS_POLICY));
    this.showFailFields();
    this.checkPayload();
  }

  relabel() { this.checkPayload(); this.checkAge(); this.mirror(this.lastState); }

  checkPayload() {
    const r = checkJson(this.el.payload.value);
    const s = this.el.payloadStatus;
    if (r.ok) {
      s.textContent = t('payload.ok'); s.className = 'field-status ok';
      this.el.payload.removeAttribute('aria-invalid');
    } else {
      const msg = t('json.' + r.code, { ch: r.ch === undefined ? '' : JSON.stringify(r.ch) });
      s.textContent = t('payload.error', { line: r.line, col: r.col, msg });
      s.className = 'field-status error';
      this.el.payload.setAttribute('aria-invalid', 'true');
    }
    return r.ok;
  }

  invoke(isAsync) {
    const payload = this.el.payload.value;
    const parts = ['aws lambda invoke', '--function-name', FUNCTION];
    if (isAsync) parts.push('--invocation-type', 'Event');
    parts.push('--cli-binary-format', 'raw-in-base64-out', '--payload', quote(payload), 'response.json');
    this.exec(parts.join(' '));
  }

  showFailFields() {
    const mode = this.el.failMode.value;
    this.root.querySelector('#fail-n-row').hidden = mode !== 'first';
    this.root.querySelector('#fail-p-row').hidden = mode !== 'rate';
    for (const id of ['fail-message-row', 'fail-duration-row']) this.root.querySelector('#' + id).hidden = mode === 'off';
  }

  applyFailure() {
    const e = this.el;
    const mode = e.failMode.value;
    const parts = ['lab fail', FUNCTION];
    if (mode === 'off') parts.push('off');
    else if (mode === 'always') parts.push('always');
    else if (mode === 'first') parts.push('first', String(Math.max(0, parseInt(e.failN.value, 10) || 0)));
    else if (mode === 'rate') {
      const pct = Math.min(100, Math.max(0, Number(e.failP.value) || 0));
      parts.push('rate', String(Math.round(pct * 100) / 10000));
    }
    if (mode !== 'off') {
      if (e.failMessage.value) parts.push('--message', quote(e.failMessage.value));
      const ms = e.failDuration.value.trim();
      if (ms !== '' && Number.isFinite(Number(ms))) parts.push('--duration', `${Math.max(0, Math.round(Number(ms)))}ms`);
    }
    this.exec(parts.join(' '));
  }

  checkAge() {
    const v = this.el.retryAge.value.trim();
    const n = Number(v);
    const ok = /^\d+$/.test(v) && n >= 60 && n <= 21600;
    this.el.retryAgeError.textContent = ok ? '' : t('retry.ageError');
    if (ok) this.el.retryAge.removeAttribute('aria-invalid'); else this.el.retryAge.setAttribute('aria-invalid', 'true');
    return ok;
  }

  applyRetry() {
    // Out-of-range values still go to the Shell: its validation error is part of the lesson.
    const attempts = this.el.retryAttempts.value;
    const age = this.el.retryAge.value.trim() || '21600';
    this.exec(`aws lambda put-function-event-invoke-config --function-name ${FUNCTION} ` +
      `--maximum-retry-attempts ${quote(attempts)} --maximum-event-age-in-seconds ${quote(age)}`);
  }

  targetArn(kind) {
    const { region, account } = accountOf(this.state());
    if (kind === 'sqs') return `arn:aws:sqs:${region}:${account}:${QUEUE}`;
    if (kind === 'sns') return `arn:aws:sns:${region}:${account}:${TOPIC}`;
    return '';
  }

  applyDlq() {
    const arn = this.targetArn(this.el.dlqTarget.value);
    // An empty TargetArn removes the dead-letter configuration.
    this.exec(`aws lambda update-function-configuration --function-name ${FUNCTION} --dead-letter-config TargetArn=${arn}`);
  }

  receive() {
    const { region, account } = accountOf(this.state());
    this.exec(`aws sqs receive-message --queue-url https://sqs.${region}.amazonaws.com/${account}/${QUEUE} ` +
      '--attribute-names All --message-attribute-names All');
  }

  permission(box, policyArn) {
    const role = roleNameOf(this.state()) || 'demo-lambda-role';
    const op = box.checked ? 'attach-role-policy' : 'detach-role-policy';
    this.exec(`aws iam ${op} --role-name ${quote(role)} --policy-arn ${policyArn}`);
  }

  // Mirrors the role's policies into the checkboxes after every command.
  mirror(state) {
    if (!state) return;
    this.lastState = state;
    const role = roleNameOf(state);
    this.el.roleName.textContent = role ? t('perm.role', { role }) : '';
    const attached = attachedPolicies(state, role);
    this.el.permSqs.checked = attached.includes(SQS_POLICY);
    this.el.permSns.checked = attached.includes(SNS_POLICY);
    // Form fields follow the world only when the world's value changed (a terminal command,
    // a reset), so what the learner is still editing is never overwritten.
    const f = functionOf(state);
    if (!f) return;
    const dlqArn = f.configuration?.DeadLetterConfig?.TargetArn ?? '';
    const dlqKind = dlqArn.startsWith('arn:aws:sqs:') ? 'sqs' : dlqArn.startsWith('arn:aws:sns:') ? 'sns' : 'none';
    this.follow('dlq', dlqKind, (v) => { this.el.dlqTarget.value = v; });
    this.follow('attempts', f.effectiveMaximumRetryAttempts, (v) => { if (v != null) this.el.retryAttempts.value = String(v); });
    this.follow('age', f.effectiveMaximumEventAgeInSeconds, (v) => { if (v != null) { this.el.retryAge.value = String(v); this.checkAge(); } });
    const fail = f.failure;
    if (fail) {
      const mode = { off: 'off', always: 'always', firstN: 'first', first: 'first', rate: 'rate' }[fail.mode] ?? null;
      this.follow('failMode', mode, (v) => { if (v) { this.el.failMode.value = v; this.showFailFields(); } });
      this.follow('failN', fail.firstN, (v) => { if (v) this.el.failN.value = String(v); });
      this.follow('failP', fail.rate, (v) => { if (v) this.el.failP.value = String(Math.round(v * 10000) / 100); });
      this.follow('failMessage', fail.errorMessage, (v) => { if (v != null) this.el.failMessage.value = v; });
      this.follow('failDuration', fail.durationMs, (v) => { this.el.failDuration.value = v == null ? '' : String(v); });
    }
  }

  follow(name, value, apply) {
    this.seen ??= new Map();
    const key = JSON.stringify(value ?? null);
    if (this.seen.get(name) === key) return;
    this.seen.set(name, key);
    apply(value);
  }
}
