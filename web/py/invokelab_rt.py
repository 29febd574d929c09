# Invoke Lab: the Python side of the browser's Lambda Python runtime (MicroPython).
#
# web/js/python-runtime.js loads this module once and calls run(request_json) per attempt;
# the request and result shapes are those of the CodeRunner contract (wasm/README.md).
# What it imitates, and from where:
#   - handler loading and the init errors: awslambdaric/bootstrap.py _get_handler
#     (Runtime.ImportModuleError "Unable to import module 'm': <error>",
#      Runtime.UserCodeSyntaxError "Syntax error in module 'm': <error>",
#      Runtime.HandlerNotFound "Handler 'f' missing on module 'm'")
#   - the error payload of an exception: bootstrap.py handle_event_request (errorType is the
#     exception class name, errorMessage str(exception), stackTrace traceback.format_list of
#     the frames after the runtime's own)
#   - the result: lambda_runtime_marshaller.py (json separators ", " ": ", ensure_ascii=False
#     on python3.12, "Unable to marshal response: ..." as Runtime.MarshalError)
#   - the context: lambda_context.py (memory_limit_in_mb is a string: it comes from an
#     environment variable)
import sys
import io
import _il

TASK = '/var/task/'


class _IlTimeout(BaseException):
    pass


# [SECTION] Ordered dicts. MicroPython's dict does not keep insertion order; CPython's does,
# and JSON output and print(event) show it. Dict displays in the learner's code are rewritten
# to D([...]) by the source transform (python-runtime.js), and JSON is decoded into D.
from collections import OrderedDict


_builtin_repr = repr


# repr() as CPython writes it: MicroPython escapes every non-ASCII character in a str's repr,
# CPython keeps printable ones, so print(event) shows Korean as Korean.
def _rp(o):
    if isinstance(o, str):
        q = '"' if ("'" in o and '"' not in o) else "'"
        out = [q]
        for ch in o:
            c = ord(ch)
            if ch == '\\' or ch == q:
                out.append('\\' + ch)
            elif ch == '\n':
                out.append('\\n')
            elif ch == '\r':
                out.append('\\r')
            elif ch == '\t':
                out.append('\\t')
            elif c < 0x20 or 0x7f <= c < 0xa0:
                out.append('\\x%02x' % c)
            else:
                out.append(ch)
        out.append(q)
        return ''.join(out)
    if isinstance(o, dict):
        return '{' + ', '.join(_rp(k) + ': ' + _rp(v) for k, v in o.items()) + '}'
    if isinstance(o, list):
        return '[' + ', '.join(_rp(v) for v in o) + ']'
    if isinstance(o, tuple):
        if len(o) == 1:
            return '(' + _rp(o[0]) + ',)'
        return '(' + ', '.join(_rp(v) for v in o) + ')'
    if isinstance(o, set):
        return '{' + ', '.join(_rp(v) for v in o) + '}' if o else 'set()'
    return _builtin_repr(o)


def _str(o):
    if isinstance(o, str):
        return o
    if isinstance(o, (dict, list, tuple, set)):
        return _rp(o)
    return str(o)


def _print(*args, sep=' ', end='\n', file=None, flush=False):
    text = (' ' if sep is None else sep).join(_str(a) for a in args) + ('\n' if end is None else end)
    (file or sys.stdout).write(text)


SPREAD = object()       # the key that marks a `**mapping` item of a dict display


class D(OrderedDict):
    def __init__(self, pairs=(), **kw):
        super().__init__()
        if isinstance(pairs, dict):
            pairs = pairs.items()
        for k, v in pairs:
            if k is SPREAD:
                for kk in v.keys():
                    self[kk] = v[kk]
            else:
                self[k] = v
        for k in kw:
            self[k] = kw[k]

    def __repr__(self):
        return '{' + ', '.join(_rp(k) + ': ' + _rp(v) for k, v in self.items()) + '}'

    def __str__(self):
        return self.__repr__()

    def copy(self):
        return D(self.items())




# [SECTION] Budget: loop iterations charge virtual time; past the timeout the run stops.
class Budget:
    def __init__(self):
        self.reset(3000, 0)

    def reset(self, timeout_ms, tick_cost_us):
        self.timeout_ms = timeout_ms
        self.ticks = 0
        self.sleep_ms = 0.0
        self.calls = 0
        self.tick_cost_us = tick_cost_us
        self.expired = False

    def used_ms(self):
        return 1.0 + self.ticks * self.tick_cost_us / 1000.0 + self.sleep_ms + self.calls * 1.0

    def check(self):
        if self.expired or self.used_ms() >= self.timeout_ms or _il.wall_expired():
            self.expired = True
            raise _IlTimeout()


BUDGET = Budget()


def tick():
    BUDGET.ticks += 1
    if BUDGET.ticks & 63 == 0 or BUDGET.expired:
        BUDGET.check()
    return True


def it(iterable):
    for x in iterable:
        BUDGET.ticks += 1
        if BUDGET.ticks & 63 == 0 or BUDGET.expired:
            BUDGET.check()
        yield x


# [SECTION] JSON in CPython's form
def _esc_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif ch == '\t':
            out.append('\\t')
        elif ch == '\b':
            out.append('\\b')
        elif ch == '\f':
            out.append('\\f')
        elif o < 0x20 or (ensure_ascii and o > 0x7e):
            if o > 0xffff:
                v = o - 0x10000
                out.append('\\u%04x\\u%04x' % (0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff)))
            else:
                out.append('\\u%04x' % o)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def _float_text(f):
    if f != f:
        return 'NaN'
    if f == float('inf'):
        return 'Infinity'
    if f == -float('inf'):
        return '-Infinity'
    return repr(f)


class JSONEncodeError(TypeError):
    pass


def dumps(obj, ensure_ascii=True, indent=None, separators=None, default=None, sort_keys=False, _decimal_raw=False, **kw):
    if separators is None:
        item_sep, key_sep = (', ', ': ') if indent is None else (',', ': ')
    else:
        item_sep, key_sep = separators
    if isinstance(indent, int):
        indent = ' ' * indent
    parts = []

    def enc(o, level):
        if o is None:
            parts.append('null')
        elif o is True:
            parts.append('true')
        elif o is False:
            parts.append('false')
        elif isinstance(o, str):
            parts.append(_esc_str(o, ensure_ascii))
        elif isinstance(o, int):
            parts.append(str(o))
        elif isinstance(o, float):
            parts.append(_float_text(o))
        elif isinstance(o, (list, tuple)):
            if not o:
                parts.append('[]')
                return
            parts.append('[')
            first = True
            for v in o:
                if not first:
                    parts.append(item_sep)
                if indent is not None:
                    parts.append('\n' + indent * (level + 1))
                first = False
                enc(v, level + 1)
            if indent is not None:
                parts.append('\n' + indent * level)
            parts.append(']')
        elif isinstance(o, dict):
            if not o:
                parts.append('{}')
                return
            parts.append('{')
            first = True
            keys = list(o.keys())
            if sort_keys:
                keys = sorted(keys)
            for k in keys:
                v = o[k]
                if isinstance(k, str):
                    ks = k
                elif k is True:
                    ks = 'true'
                elif k is False:
                    ks = 'false'
                elif k is None:
                    ks = 'null'
                elif isinstance(k, int):
                    ks = str(k)
                elif isinstance(k, float):
                    ks = _float_text(k)
                else:
                    raise JSONEncodeError('keys must be str, int, float, bool or None, not ' + type(k).__name__)
                if not first:
                    parts.append(item_sep)
                if indent is not None:
                    parts.append('\n' + indent * (level + 1))
                first = False
                parts.append(_esc_str(ks, ensure_ascii))
                parts.append(key_sep)
                enc(v, level + 1)
            if indent is not None:
                parts.append('\n' + indent * level)
            parts.append('}')
        elif _decimal_raw and type(o).__name__ == 'Decimal':
            # the runtime's encoder writes a Decimal as its number text (lambda_runtime_marshaller.py)
            parts.append(str(o))
        elif default is not None:
            enc(default(o), level)
        else:
            raise JSONEncodeError('Object of type %s is not JSON serializable' % type(o).__name__)

    enc(obj, 0)
    return ''.join(parts)


def loads(text, **kw):
    if isinstance(text, (bytes, bytearray)):
        text = text.decode()
    if not isinstance(text, str):
        raise TypeError('the JSON object must be str, bytes or bytearray, not ' + type(text).__name__)
    src = _il.json_to_python(text)
    if src.startswith('!'):
        raise JSONDecodeError(src[1:])
    return eval(src, {'D': D})


class JSONDecodeError(ValueError):
    pass


# [SECTION] Output capture: print goes to stdout (captured by JS line by line); log records
# and the order between them and prints are kept by JS.
def _emit_log(level, text):
    _il.log(level, text)


# [SECTION] The context object
class LambdaContext:
    def __init__(self, c):
        self.aws_request_id = c.get('awsRequestId')
        self.log_group_name = c.get('logGroupName')
        self.log_stream_name = c.get('logStreamName')
        self.function_name = c.get('functionName')
        mem = c.get('memoryLimitInMB')
        self.memory_limit_in_mb = None if mem is None else str(mem)
        self.function_version = c.get('functionVersion', '$LATEST')
        self.invoked_function_arn = c.get('invokedFunctionArn')
        self.client_context = None
        self.identity = None
        self.tenant_id = None

    def get_remaining_time_in_millis(self):
        BUDGET.check()
        left = int(BUDGET.timeout_ms - BUDGET.used_ms())
        return left if left > 0 else 0

    def log(self, msg):
        _il.print_text(str(msg))

    def __repr__(self):
        return ('LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,'
                'memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=None,'
                'identity=None,tenant_id=None])' % (
                    self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                    self.memory_limit_in_mb, self.function_version, self.invoked_function_arn))


# [SECTION] Errors in CPython's words. MicroPython phrases a few messages differently; the
# common ones a learner meets are translated so the payload reads like python3.12's.
_MESSAGES = (
    ("isn't defined", 'is not defined'),
    ('divide by zero', 'division by zero'),
    ('no module named', 'No module named'),
)


def error_message(e):
    if isinstance(e, KeyError) and len(e.args) == 1:
        return repr(e.args[0])
    if len(e.args) == 0:
        return ''
    if len(e.args) == 1:
        msg = str(e.args[0])
    else:
        msg = str(e.args)
    for a, b in _MESSAGES:
        if a in msg:
            msg = msg.replace(a, b)
    if isinstance(e, TypeError) and msg.startswith('unsupported types for __add__: '):
        ts = msg[len('unsupported types for __add__: '):].split(', ')
        if len(ts) == 2 and ts[0] == "'str'":
            msg = 'can only concatenate str (not "%s") to str' % ts[1].strip("'")
    return msg


def _frames(e):
    buf = io.StringIO()
    sys.print_exception(e, buf)
    frames = []
    for line in buf.getvalue().split('\n'):
        line = line.strip()
        if not line.startswith('File "'):
            continue
        q = line.index('"', 6)
        path = line[6:q]
        rest = line[q + 1:]
        lineno = 0
        name = '<module>'
        if ', line ' in rest:
            tail = rest.split(', line ', 1)[1]
            if ', in ' in tail:
                num, name = tail.split(', in ', 1)
            else:
                num = tail
            try:
                lineno = int(num)
            except ValueError:
                lineno = 0
        frames.append((path, lineno, name))
    return frames


def source_line(path, lineno):
    text = SOURCES.get(path)
    if text is None or lineno < 1:
        return ''
    lines = text.split('\n')
    if lineno > len(lines):
        return ''
    return lines[lineno - 1].strip()


def stack_trace(e):
    out = []
    for path, lineno, name in _frames(e):
        if not path.startswith(TASK):
            continue
        s = '  File "%s", line %d, in %s\n' % (path, lineno, name)
        code = source_line(path, lineno)
        if code:
            s += '    %s\n' % code
        out.append(s)
    return out


def syntax_location(e):
    # The last frame of a SyntaxError's traceback is where the parser stopped.
    fr = _frames(e)
    for path, lineno, name in reversed(fr):
        if path.startswith(TASK) or not path.startswith('<'):
            return path, lineno
    return (fr[-1][0], fr[-1][1]) if fr else ('', 0)


def syntax_error(e, source):
    # (line, message) as python3.12 words it (web/js/python-transform.js cpythonSyntaxError).
    path, lineno = syntax_location(e)
    msg = str(e.args[0]) if e.args else 'invalid syntax'
    line, text = _il.syntax_error(source or '', lineno, msg).split('\n', 1)
    return path, int(line), text


# [SECTION] Execution environments: module globals live as long as the environment does
# (AWS keeps them between invocations an environment serves). One environment here is one
# (code revision, log stream) pair; its user modules are swapped in and out of sys.modules.
SOURCES = {}           # '/var/task/x.py' -> original source (for traceback lines)
ENVS = {}              # env key -> {name: module}
ENV_ORDER = []
MAX_ENVS = 8
STATE = {'env': None, 'revision': None}


def _user_modules():
    out = {}
    for name, m in list(sys.modules.items()):
        f = getattr(m, '__file__', '') or ''
        if f.startswith(TASK):
            out[name] = m
    return out


def _park_current():
    key = STATE['env']
    mods = _user_modules()
    for name in mods:
        del sys.modules[name]
    if key is not None and mods:
        ENVS[key] = mods
    STATE['env'] = None


def _forget(key):
    if key in ENVS:
        del ENVS[key]
    if key in ENV_ORDER:
        ENV_ORDER.remove(key)


def install_shims():
    import logging_shim
    sys.modules['logging'] = logging_shim
    import json_shim
    sys.modules['json'] = json_shim
    import time_shim
    sys.modules['time'] = time_shim
    import decimal_shim
    sys.modules['decimal'] = decimal_shim


# Runs one attempt; returns the result dict (the contract's CodeRunResult).
def run(request_json):
    req = loads(request_json)
    ctx = req.get('context') or {}
    timeout_ms = ctx.get('timeoutMs') or 3000
    BUDGET.reset(timeout_ms, req.get('tickCostUs', 10))
    revision = req.get('codeRevision') or ''
    env_key = revision + '|' + (ctx.get('logStreamName') or '')
    handler = req.get('handler') or 'lambda_function.lambda_handler'
    files = req.get('files') or {}
    _il.set_request(ctx.get('awsRequestId') or '')
    import logging_shim
    logging_shim._reset_for_request()

    if STATE['env'] != env_key:
        _park_current()
        if STATE['revision'] != revision:
            _il.clear_task()
            for k, v in files.items():
                _il.write_file(k, v)
            SOURCES.clear()
            for k, v in files.items():
                SOURCES[TASK + k] = v
            STATE['revision'] = revision
            for k in list(ENVS.keys()):
                if not k.startswith(revision + '|'):
                    _forget(k)
        mods = ENVS.get(env_key)
        if mods:
            for name, m in mods.items():
                sys.modules[name] = m
        STATE['env'] = env_key
        if env_key in ENV_ORDER:
            ENV_ORDER.remove(env_key)
        ENV_ORDER.append(env_key)
        while len(ENV_ORDER) > MAX_ENVS:
            _forget(ENV_ORDER[0])

    try:
        modname, fname = handler.rsplit('.', 1)
    except ValueError as e:
        return _fault('Runtime.MalformedHandlerName', "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % handler, None, True)

    init = False
    try:
        mod = sys.modules.get(modname)
        if mod is None or not (getattr(mod, '__file__', '') or '').startswith(TASK):
            init = True
            logging_shim._reset_logging()
            mod = __import__(modname.replace('/', '.'))
            for part in modname.replace('/', '.').split('.')[1:]:
                mod = getattr(mod, part)
    except _IlTimeout:
        _park_drop(env_key)
        return _timeout(True)
    except SyntaxError as e:
        _park_drop(env_key)
        path, lineno = syntax_location(e)
        path, lineno, msg = syntax_error(e, SOURCES.get(path))
        base = path.rsplit('/', 1)[-1]
        text = ''
        lines = (SOURCES.get(path) or '').split('\n')
        if 1 <= lineno <= len(lines):
            text = lines[lineno - 1] + '\n'
        trace = ['  File "%s" Line %d\n    %s' % (path, lineno, text)]
        return _fault('Runtime.UserCodeSyntaxError', "Syntax error in module '%s': %s (%s, line %d)" % (modname, msg, base, lineno), trace, True)
    except ImportError as e:
        _park_drop(env_key)
        return _fault('Runtime.ImportModuleError', "Unable to import module '%s': %s" % (modname, error_message(e)), None, True)
    except Exception as e:
        _park_drop(env_key)
        return _error(e, True)

    fn = getattr(mod, fname, None)
    if fn is None:
        _park_drop(env_key)
        return _fault('Runtime.HandlerNotFound', "Handler '%s' missing on module '%s'" % (fname, modname), None, True)

    try:
        event = loads(req.get('event') or 'null')
    except Exception as e:
        return _fault('Runtime.UnmarshalError', 'Unable to unmarshal input: ' + error_message(e), None, False)

    context = LambdaContext(ctx)
    try:
        response = fn(event, context)
    except _IlTimeout:
        return _timeout(False)
    except Exception as e:
        if BUDGET.expired:
            return _timeout(False)
        return _error(e, False)
    if BUDGET.expired:
        return _timeout(False)
    if isinstance(response, (bytes, bytearray)):
        result = dumps(bytes(response).decode(), ensure_ascii=False)
    else:
        try:
            result = dumps(response, ensure_ascii=not (req.get('runtime') or 'python3.12') >= 'python3.12', _decimal_raw=True)
        except Exception as e:
            return _fault('Runtime.MarshalError', 'Unable to marshal response: ' + error_message(e), None, False)
    return {'status': 'ok', 'result': result, 'durationMs': _duration()}


def _park_drop(env_key):
    # A failed init leaves no environment behind: the next attempt imports again.
    for name in _user_modules():
        del sys.modules[name]
    _forget(env_key)
    STATE['env'] = None


def _duration():
    d = BUDGET.used_ms()
    return round(d * 100) / 100


def _fault(etype, msg, trace, init):
    return {'status': 'error', 'errorType': etype, 'errorMessage': msg, 'stackTrace': trace or [],
            'initError': init, 'durationMs': _duration()}


def _error(e, init):
    return {'status': 'error', 'errorType': type(e).__name__, 'errorMessage': error_message(e),
            'stackTrace': stack_trace(e), 'initError': init, 'durationMs': _duration()}


def _timeout(init):
    return {'status': 'timeout', 'initError': init, 'durationMs': BUDGET.timeout_ms}


def run_json(request_json):
    try:
        out = run(request_json)
    except _IlTimeout:
        out = _timeout(False)
    return dumps(out, ensure_ascii=False)


# Syntax check for the editor: None, or (line, message) of the first error.
def check(source, filename):
    try:
        compile(source, TASK + filename, 'exec')
        return None
    except SyntaxError as e:
        path, lineno, msg = syntax_error(e, source)
        return [lineno, msg]
