# `json` as the learner's code sees it: CPython's dumps (separators, ensure_ascii, the
# "Object of type X is not JSON serializable" TypeError) and loads into ordered dicts.
from invokelab_rt import dumps, loads, JSONDecodeError


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


def load(fp, **kw):
    return loads(fp.read(), **kw)
