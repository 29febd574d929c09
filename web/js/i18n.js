// Learner-facing strings in Korean and English, and the machinery that applies them.
//
// Markup names its strings with data attributes, so switching language never rebuilds
// the DOM (focus, typed text and scroll positions survive a switch):
//   data-i18n="key"                  -> textContent
//   data-i18n-attr="attr:key;..."    -> attributes (aria-label, placeholder, title)
// The choice is remembered in localStorage under STORAGE_KEY. Default: Korean.

export const LANGS = ['ko', 'en'];
const STORAGE_KEY = 'invokelab.lang';

const STRINGS = {
  ko: {
    'app.title': 'Invoke Lab: Lambda 호출 실습실',
    'app.subtitle': 'Lambda 동기·비동기 호출 실습실',
    'lang.label': '언어',
    'skip.panel': '호출 패널로 건너뛰기',
    'ctrl.group': '시뮬레이션 제어',
    'ctrl.play': '재생',
    'ctrl.pause': '일시 정지',
    'ctrl.next': '다음 이벤트로',
    'ctrl.speed': '속도',
    'ctrl.speedHint': '가상 시간 배속',
    'ctrl.spaceHint': '스페이스 바: 재생/정지',
    'canvas.label': '시뮬레이션 화면: 호출, 내부 이벤트 큐, 재시도, DLQ를 그림으로 보여 줍니다. 같은 내용을 아래 진행 기록에서 글로 읽을 수 있습니다.',
    'load.fetching': 'WebAssembly 내려받는 중…',
    'load.bytes': '{done} / {total}',
    'load.starting': '시뮬레이터 시작 중…',
    'load.failed': '실습실을 불러오지 못했습니다.',
    'load.noWebgl2': '이 브라우저는 WebGL2를 쓸 수 없어 시뮬레이션 화면을 그릴 수 없습니다. 최신 Chrome, Edge, Firefox, Safari에서 열거나 하드웨어 가속을 켜 주세요.',
    'load.httpError': '{file}을(를) 받지 못했습니다 (HTTP {status}).',
    'load.network': '네트워크 오류로 {file}을(를) 받지 못했습니다.',
    'load.retry': '다시 시도',
    'tutorial.heading': '따라 해 보기',
    'tutorial.p1': '동기 호출(RequestResponse)은 함수가 끝날 때까지 기다렸다가 결과를 받습니다. 비동기 호출(Event)에서는 Lambda가 이벤트를 내부 큐에 넣자마자 202로 답하고, 함수는 나중에 따로 실행됩니다. 그 실행이 실패하면 Lambda가 직접 다시 시도합니다. 첫 실패 뒤 약 1분, 두 번째 실패 뒤 약 2분을 기다리므로 기본 설정에서는 모두 세 번 시도합니다. 끝내 실패한 이벤트는 DLQ를 설정해 두었을 때만 남습니다. 아래 호출 패널에서 실패를 켜고 비동기 호출을 눌러 보세요.',
    'panel.heading': '호출 패널',
    'payload.label': '페이로드 (JSON)',
    'payload.hint': '한글도 그대로 입력할 수 있습니다.',
    'payload.ok': 'JSON 형식이 올바릅니다.',
    'payload.error': '{line}행 {col}열: {msg}',
    'json.unexpected': '예상하지 못한 문자 {ch}',
    'json.end': 'JSON이 중간에 끝났습니다',
    'json.string': '문자열이 닫히지 않았습니다',
    'json.escape': '잘못된 이스케이프 문자',
    'json.control': '문자열 안에 줄바꿈이나 제어 문자를 그대로 쓸 수 없습니다',
    'json.colon': '":"가 와야 합니다',
    'json.commaObj': '","나 "}"가 와야 합니다',
    'json.commaArr': '","나 "]"가 와야 합니다',
    'json.key': '속성 이름은 큰따옴표로 감싼 문자열이어야 합니다',
    'json.number': '잘못된 숫자',
    'json.trailing': 'JSON 값 뒤에 다른 내용이 있습니다',
    'json.empty': '비어 있습니다',
    'invoke.sync': '동기 호출 (Sync)',
    'invoke.async': '비동기 호출 (Async)',
    'invoke.syncHint': '--invocation-type RequestResponse (기본값)',
    'invoke.asyncHint': '--invocation-type Event',
    'invoke.cat': '응답 파일 보기',
    'fail.heading': '실패 주입',
    'fail.mode': '핸들러 동작',
    'fail.off': '성공 (실패 없음)',
    'fail.always': '항상 실패',
    'fail.first': '처음 N번만 실패',
    'fail.rate': '확률로 실패',
    'fail.n': 'N (실패할 시도 수)',
    'fail.p': '실패 확률 (%)',
    'fail.message': '오류 메시지',
    'fail.duration': '핸들러 실행 시간 (ms, 비우면 기본값)',
    'fail.apply': '실패 설정 적용',
    'retry.heading': '비동기 호출 설정',
    'retry.attempts': '최대 재시도 횟수 (MaximumRetryAttempts)',
    'retry.age': '최대 이벤트 수명 (MaximumEventAgeInSeconds, 60–21600초)',
    'retry.apply': '설정 저장',
    'retry.ageError': '60에서 21600 사이의 정수를 입력하세요.',
    'dlq.heading': '데드 레터 큐 (DLQ)',
    'dlq.createQueue': 'SQS 큐 lambda-DLQ 만들기',
    'dlq.createTopic': 'SNS 주제 lambda-DLQ-topic 만들기',
    'dlq.target': 'DLQ 대상',
    'dlq.none': '없음',
    'dlq.sqs': 'SQS 큐 (lambda-DLQ)',
    'dlq.sns': 'SNS 주제 (lambda-DLQ-topic)',
    'dlq.apply': 'DLQ 설정 저장',
    'dlq.receive': 'DLQ 메시지 받아 보기',
    'perm.heading': '실행 역할 권한',
    'perm.role': '역할: {role}',
    'perm.sqs': 'sqs:SendMessage 허용 (AmazonSQSFullAccess)',
    'perm.sns': 'sns:Publish 허용 (AmazonSNSFullAccess)',
    'term.heading': '터미널',
    'term.input': '명령 입력',
    'term.hint': '↑/↓ 이전 명령, clear 화면 지우기, lab help 도움말',
    'term.placeholder': 'aws lambda invoke … 또는 lab help',
    'term.notReady': '시뮬레이터가 아직 준비되지 않았습니다.',
    'log.heading': '진행 기록',
    'log.empty': '아직 일어난 일이 없습니다.',
    'n.reset': '시뮬레이션을 처음부터 시작했습니다.',
    'n.sync': '요청 {rid}: 동기 호출 응답 {status}{err}',
    'n.syncErr': ' (함수 오류)',
    'n.rejected': '호출이 거부되었습니다: {status} {code}',
    'n.accepted': '요청 {rid}: 202 수락, 내부 이벤트 큐에 들어갔습니다',
    'n.dequeued': '요청 {rid}: 큐에서 꺼내 시도 {n} 준비',
    'n.start': '요청 {rid}: 시도 {n} 시작',
    'n.ok': '요청 {rid}: 시도 {n} 성공',
    'n.fail': '요청 {rid}: 시도 {n} 실패',
    'n.timeout': '요청 {rid}: 시도 {n} 시간 초과',
    'n.retry': '요청 {rid}: {delay} 뒤 재시도 (시도 {n})',
    'n.failedAll': '요청 {rid}: {n}번의 시도가 모두 실패했습니다',
    'n.expired': '요청 {rid}: 최대 이벤트 수명이 지나 더 시도하지 않습니다',
    'n.discarded': '요청 {rid}: DLQ도 대상도 없어 이벤트가 버려졌습니다',
    'n.dlq': '요청 {rid}: DLQ에 도착했습니다 ({target})',
    'n.dlqFailed': '요청 {rid}: DLQ로 보내지 못했습니다 ({reason})',
    'n.dest': '요청 {rid}: 대상({target})으로 보냈습니다',
    'n.destFailed': '요청 {rid}: 대상으로 보내지 못했습니다',
    'n.received': 'SQS 메시지를 받았습니다',
    'dur.min': '{n}분',
    'dur.sec': '{n}초',
    'dur.minsec': '{m}분 {s}초',
    'dur.ms': '{n}밀리초',
  },
  en: {
    'app.title': 'Invoke Lab: a Lambda invocation playground',
    'app.subtitle': 'a playground for Lambda sync and async invocation',
    'lang.label': 'Language',
    'skip.panel': 'Skip to the invoke panel',
    'ctrl.group': 'Simulation controls',
    'ctrl.play': 'Play',
    'ctrl.pause': 'Pause',
    'ctrl.next': 'Next event',
    'ctrl.speed': 'Speed',
    'ctrl.speedHint': 'virtual time multiplier',
    'ctrl.spaceHint': 'Space bar: play/pause',
    'canvas.label': 'Simulation view: invocations, the internal event queue, retries and the DLQ drawn as a picture. The progress log below tells the same story in words.',
    'load.fetching': 'Downloading WebAssembly…',
    'load.bytes': '{done} of {total}',
    'load.starting': 'Starting the simulator…',
    'load.failed': 'The playground could not be loaded.',
    'load.noWebgl2': 'This browser cannot use WebGL2, so the simulation view cannot be drawn. Open the page in a current Chrome, Edge, Firefox or Safari, or turn hardware acceleration on.',
    'load.httpError': 'Could not download {file} (HTTP {status}).',
    'load.network': 'A network error stopped the download of {file}.',
    'load.retry': 'Try again',
    'tutorial.heading': 'Try it',
    'tutorial.p1': 'A synchronous call (RequestResponse) waits for the function to finish and gets its result. With an asynchronous call (Event), Lambda puts the event on an internal queue, answers 202 at once and runs the function later. If that run fails, Lambda retries by itself: about one minute after the first failure and about two minutes after the second, so the default gives three attempts in all. An event that still fails is kept only if a DLQ is configured. Turn on a failure in the invoke panel below and press Async.',
    'panel.heading': 'Invoke panel',
    'payload.label': 'Payload (JSON)',
    'payload.hint': 'Korean and other text can be typed as is.',
    'payload.ok': 'The JSON is well formed.',
    'payload.error': 'line {line}, column {col}: {msg}',
    'json.unexpected': 'unexpected character {ch}',
    'json.end': 'the JSON ends too early',
    'json.string': 'a string is not closed',
    'json.escape': 'invalid escape sequence',
    'json.control': 'line breaks and control characters must be escaped inside strings',
    'json.colon': 'expected ":"',
    'json.commaObj': 'expected "," or "}"',
    'json.commaArr': 'expected "," or "]"',
    'json.key': 'property names must be strings in double quotes',
    'json.number': 'invalid number',
    'json.trailing': 'there is more text after the JSON value',
    'json.empty': 'it is empty',
    'invoke.sync': 'Sync invoke',
    'invoke.async': 'Async invoke',
    'invoke.syncHint': '--invocation-type RequestResponse (the default)',
    'invoke.asyncHint': '--invocation-type Event',
    'invoke.cat': 'Show response file',
    'fail.heading': 'Failure injection',
    'fail.mode': 'Handler behaviour',
    'fail.off': 'succeed (no failures)',
    'fail.always': 'always fail',
    'fail.first': 'fail the first N attempts',
    'fail.rate': 'fail with a probability',
    'fail.n': 'N (attempts that fail)',
    'fail.p': 'failure probability (%)',
    'fail.message': 'Error message',
    'fail.duration': 'Handler run time (ms, empty = default)',
    'fail.apply': 'Apply failure setting',
    'retry.heading': 'Asynchronous invocation settings',
    'retry.attempts': 'Retry attempts (MaximumRetryAttempts)',
    'retry.age': 'Maximum event age (MaximumEventAgeInSeconds, 60–21600 s)',
    'retry.apply': 'Save settings',
    'retry.ageError': 'Enter a whole number from 60 to 21600.',
    'dlq.heading': 'Dead-letter queue (DLQ)',
    'dlq.createQueue': 'Create SQS queue lambda-DLQ',
    'dlq.createTopic': 'Create SNS topic lambda-DLQ-topic',
    'dlq.target': 'DLQ target',
    'dlq.none': 'none',
    'dlq.sqs': 'SQS queue (lambda-DLQ)',
    'dlq.sns': 'SNS topic (lambda-DLQ-topic)',
    'dlq.apply': 'Save DLQ setting',
    'dlq.receive': 'Receive DLQ messages',
    'perm.heading': 'Execution role permissions',
    'perm.role': 'Role: {role}',
    'perm.sqs': 'allow sqs:SendMessage (AmazonSQSFullAccess)',
    'perm.sns': 'allow sns:Publish (AmazonSNSFullAccess)',
    'term.heading': 'Terminal',
    'term.input': 'Command',
    'term.hint': '↑/↓ history, clear wipes the screen, lab help lists commands',
    'term.placeholder': 'aws lambda invoke … or lab help',
    'term.notReady': 'The simulator is not ready yet.',
    'log.heading': 'Progress log',
    'log.empty': 'Nothing has happened yet.',
    'n.reset': 'The simulation started over.',
    'n.sync': 'request {rid}: synchronous call answered {status}{err}',
    'n.syncErr': ' (function error)',
    'n.rejected': 'the call was rejected: {status} {code}',
    'n.accepted': 'request {rid}: accepted with 202, now in the internal event queue',
    'n.dequeued': 'request {rid}: taken from the queue for attempt {n}',
    'n.start': 'request {rid}: attempt {n} started',
    'n.ok': 'request {rid}: attempt {n} succeeded',
    'n.fail': 'request {rid}: attempt {n} failed',
    'n.timeout': 'request {rid}: attempt {n} timed out',
    'n.retry': 'request {rid}: next retry in {delay} (attempt {n})',
    'n.failedAll': 'request {rid}: all {n} attempts failed',
    'n.expired': 'request {rid}: the maximum event age has passed; no more attempts',
    'n.discarded': 'request {rid}: no DLQ or destination, so the event was dropped',
    'n.dlq': 'request {rid}: arrived in the DLQ ({target})',
    'n.dlqFailed': 'request {rid}: could not be sent to the DLQ ({reason})',
    'n.dest': 'request {rid}: sent to the destination ({target})',
    'n.destFailed': 'request {rid}: could not be sent to the destination',
    'n.received': 'an SQS message was received',
    'dur.min': '{n} minute(s)',
    'dur.sec': '{n} second(s)',
    'dur.minsec': '{m} min {s} s',
    'dur.ms': '{n} ms',
  },
};
// Plurals in English without a plural engine: only the two words we need.
const EN_PLURAL = { 'dur.min': ['{n} minute', '{n} minutes'], 'dur.sec': ['{n} second', '{n} seconds'] };

let current = 'ko';
const listeners = new Set();

export function lang() { return current; }

export function t(key, params = {}) {
  let s = STRINGS[current][key] ?? STRINGS.ko[key] ?? key;
  if (current === 'en' && EN_PLURAL[key]) s = EN_PLURAL[key][params.n === 1 ? 0 : 1];
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// Localised duration for narration: 60000 -> "1분" / "1 minute".
export function duration(ms) {
  if (ms % 60000 === 0) return t('dur.min', { n: ms / 60000 });
  if (ms % 1000 === 0 && ms < 60000) return t('dur.sec', { n: ms / 1000 });
  if (ms % 1000 === 0) return t('dur.minsec', { m: Math.floor(ms / 60000), s: (ms % 60000) / 1000 });
  return t('dur.ms', { n: ms });
}

export function storedLang() {
  try { const v = localStorage.getItem(STORAGE_KEY); return LANGS.includes(v) ? v : null; } catch { return null; }
}

// Applies `code` to every marked element; `remember` writes it to localStorage.
export function setLang(code, { remember = true } = {}) {
  if (!LANGS.includes(code)) return false;
  current = code;
  if (remember) { try { localStorage.setItem(STORAGE_KEY, code); } catch { /* storage blocked: keep it for this visit */ } }
  applyTo(document);
  for (const fn of listeners) fn(code);
  return true;
}

export function onLangChange(fn) { listeners.add(fn); }

export function applyTo(root) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  document.title = t('app.title');
}
