# A small redis-py for the simulator's key-value store: Redis().set(k, v, nx=True) (SET ... NX,
# True when set, None when the key already existed), get (bytes, as redis-py returns without
# decode_responses), incr, delete, exists. Calls go to _il.service_call("kv", ...).
import _il
import invokelab_rt as _rt


class RedisError(Exception):
    pass


def _call(op, params):
    _rt.BUDGET.calls += 1
    _rt.BUDGET.check()
    out = _rt.loads(_il.service_call('kv', op, _rt.dumps(params, ensure_ascii=False)))
    if isinstance(out, dict) and 'error' in out:
        e = out['error']
        raise RedisError(e.get('message') if isinstance(e, dict) else str(e))
    return out


def _s(v):
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode()
    if isinstance(v, bool):
        raise RedisError('Invalid input of type: \'bool\'. Convert to a bytes, string, int or float first.')
    return str(v)


class Redis:
    def __init__(self, host='localhost', port=6379, db=0, decode_responses=False, **kw):
        self.decode = decode_responses

    def _out(self, v):
        if v is None or self.decode:
            return v
        return str(v).encode()

    def set(self, name, value, ex=None, px=None, nx=False, xx=False, **kw):
        p = _rt.D([('key', _s(name)), ('value', _s(value))])
        if nx:
            p['nx'] = True
        if xx:
            p['xx'] = True
        if ex is not None:
            p['ex'] = int(ex)
        if px is not None:
            p['px'] = int(px)
        r = _call('SET', p)
        ok = r.get('result') if isinstance(r, dict) else r
        return True if ok in ('OK', True) else None

    def setnx(self, name, value):
        return bool(self.set(name, value, nx=True))

    def get(self, name):
        r = _call('GET', _rt.D([('key', _s(name))]))
        return self._out(r.get('result') if isinstance(r, dict) else r)

    def incr(self, name, amount=1):
        r = _call('INCR', _rt.D([('key', _s(name)), ('by', int(amount))]))
        return int(r.get('result') if isinstance(r, dict) else r)

    incrby = incr

    def delete(self, *names):
        r = _call('DEL', _rt.D([('keys', [_s(n) for n in names])]))
        return int(r.get('result') if isinstance(r, dict) else r)

    def exists(self, *names):
        r = _call('EXISTS', _rt.D([('keys', [_s(n) for n in names])]))
        return int(r.get('result') if isinstance(r, dict) else r)


StrictRedis = Redis


def from_url(url, **kw):
    return Redis(**kw)
