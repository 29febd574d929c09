# `logging` as in the AWS Lambda Python runtime: the root logger has the runtime's handler
# and the default level WARNING, so logger.info() prints nothing until setLevel(logging.INFO)
# (awslambdaric bootstrap.py _setup_logging). Records reach CloudWatch as
# "[LEVEL]\t<time>Z\t<request id>\t<message>\n", formatted by the core.
import _il

CRITICAL = FATAL = 50
ERROR = 40
WARNING = WARN = 30
INFO = 20
DEBUG = 10
NOTSET = 0

_NAMES = {50: 'CRITICAL', 40: 'ERROR', 30: 'WARNING', 20: 'INFO', 10: 'DEBUG', 0: 'NOTSET'}
_LEVELS = {'CRITICAL': 50, 'FATAL': 50, 'ERROR': 40, 'WARNING': 30, 'WARN': 30, 'INFO': 20, 'DEBUG': 10, 'NOTSET': 0}


def getLevelName(level):
    if isinstance(level, str):
        return _LEVELS.get(level, 'Level %s' % level)
    return _NAMES.get(level, 'Level %s' % level)


def _level(level):
    if isinstance(level, str):
        if level not in _LEVELS:
            raise ValueError('Unknown level: %r' % level)
        return _LEVELS[level]
    return int(level)


class Handler:
    def __init__(self, level=NOTSET):
        self.level = level

    def setLevel(self, level):
        self.level = _level(level)

    def setFormatter(self, f):
        pass

    def addFilter(self, f):
        pass


class StreamHandler(Handler):
    pass


class Formatter:
    def __init__(self, fmt=None, datefmt=None, *a, **k):
        self.fmt = fmt


class Logger:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.level = NOTSET
        self.handlers = []
        self.propagate = True
        self.disabled = False

    def setLevel(self, level):
        self.level = _level(level)

    def getEffectiveLevel(self):
        lg = self
        while lg is not None:
            if lg.level:
                return lg.level
            lg = lg.parent
        return NOTSET

    def isEnabledFor(self, level):
        return not self.disabled and level >= self.getEffectiveLevel()

    def addHandler(self, h):
        self.handlers.append(h)

    def removeHandler(self, h):
        if h in self.handlers:
            self.handlers.remove(h)

    def hasHandlers(self):
        return True

    def addFilter(self, f):
        pass

    def getChild(self, suffix):
        return getLogger(suffix if self is root else self.name + '.' + suffix)

    def log(self, level, msg, *args, exc_info=None, **kw):
        level = _level(level)
        if not self.isEnabledFor(level):
            return
        text = str(msg)
        if args:
            if len(args) == 1 and isinstance(args[0], dict) and args[0]:
                args = args[0]
            text = text % args
        if exc_info:
            text += '\n' + _format_exc(exc_info)
        _il.log(_NAMES.get(level, 'Level %d' % level), text)

    def debug(self, msg, *a, **k):
        self.log(DEBUG, msg, *a, **k)

    def info(self, msg, *a, **k):
        self.log(INFO, msg, *a, **k)

    def warning(self, msg, *a, **k):
        self.log(WARNING, msg, *a, **k)

    warn = warning

    def error(self, msg, *a, **k):
        self.log(ERROR, msg, *a, **k)

    def critical(self, msg, *a, **k):
        self.log(CRITICAL, msg, *a, **k)

    fatal = critical

    def exception(self, msg, *a, exc_info=True, **k):
        self.log(ERROR, msg, *a, exc_info=exc_info, **k)


_CURRENT = [None]


def _format_exc(exc_info):
    import invokelab_rt as rt
    e = exc_info if isinstance(exc_info, BaseException) else _CURRENT[0]
    if e is None:
        return 'NoneType: None'
    lines = ['Traceback (most recent call last):\n'] + rt.stack_trace(e)
    msg = rt.error_message(e)
    lines.append(type(e).__name__ + (': ' + msg if msg else ''))
    return ''.join(lines)


root = Logger('root')
root.level = WARNING
root.handlers.append(Handler())
_loggers = {}


def getLogger(name=None):
    if not name or name == 'root':
        return root
    lg = _loggers.get(name)
    if lg is None:
        parent = root
        if '.' in name:
            parent = getLogger(name.rsplit('.', 1)[0])
        lg = Logger(name, parent)
        _loggers[name] = lg
    return lg


def basicConfig(**kw):
    # The runtime's handler is already on the root logger, so basicConfig changes nothing
    # (as in CPython when the root logger has handlers) unless force=True sets a level.
    if kw.get('force') and 'level' in kw:
        root.setLevel(kw['level'])


def debug(msg, *a, **k):
    root.debug(msg, *a, **k)


def info(msg, *a, **k):
    root.info(msg, *a, **k)


def warning(msg, *a, **k):
    root.warning(msg, *a, **k)


warn = warning


def error(msg, *a, **k):
    root.error(msg, *a, **k)


def critical(msg, *a, **k):
    root.critical(msg, *a, **k)


def exception(msg, *a, **k):
    root.exception(msg, *a, **k)


def log(level, msg, *a, **k):
    root.log(level, msg, *a, **k)


def _reset_for_request():
    _CURRENT[0] = None


def _reset_logging():
    # A fresh execution environment: the runtime's root logger, nothing the last code set.
    root.level = WARNING
    root.handlers[:] = [Handler()]
    _loggers.clear()
