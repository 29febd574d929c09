# A small redis-py for the simulator's key-value store (core/services/kv.h): Redis().set(k, v,
# nx=True) is SET k v NX (True when set, None when the key already existed), get (bytes, as
# redis-py returns without decode_responses=True), incr / incrby, delete, exists, setnx.
# Each call goes to _il.service_call("kv", COMMAND, {"args": [...]}); a Redis error line comes
# back as redis.exceptions.ResponseError with the text redis-py shows.
import _il
import invokelab_rt as _rt
from redis.exceptions import RedisError, ResponseError, DataError


def _call(command, args):
    _rt.BUDGET.calls += 1
    _rt.BUDGET.check()
    out = _rt.loads(_il.service_call('kv', command, _rt.dumps(_rt.D([('args', args)]), ensure_ascii=False)))
    if isinstance(out, dict) and '__type' in out:
        msg = out.get('message') or ''
        if msg.startswith('ERR '):
            msg = msg[4:]
        raise ResponseError(msg)
    if isinstance(out, dict) and 'error' in out:
        e = out['error']
        raise RedisError(e.get('message') if isinstance(e, dict) else str(e))
    return out


def _s(v):
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode()
    if isinstance(v, bool) or v is None or not isinstance(v, (str, int, float)):
        raise DataError("Invalid input of type: '%s'. Convert to a bytes, string, int or float first." % type(v).__name__)
    return str(v)


class Redis:
    def __init__(self, host='localhost', port=6379, db=0, decode_responses=False, **kw):
        self.decode = decode_responses

    def _value(self, reply):
        t = reply.get('type')
        if t == 'nil':
            return None
        v = reply.get('value')
        if t == 'bulk':
            return v if self.decode else str(v).encode()
        if t == 'array':
            return [self._value(x) for x in v]
        return v

    def set(self, name, value, ex=None, px=None, nx=False, xx=False, keepttl=False, get=False, **kw):
        args = [_s(name), _s(value)]
        if nx:
            args.append('NX')
        if xx:
            args.append('XX')
        if get:
            args.append('GET')
        if ex is not None:
            args += ['EX', str(int(ex))]
        if px is not None:
            args += ['PX', str(int(px))]
        if keepttl:
            args.append('KEEPTTL')
        r = _call('SET', args)
        if get:
            return self._value(r)
        return True if r.get('type') == 'status' else None

    def setnx(self, name, value):
        return bool(_call('SETNX', [_s(name), _s(value)]).get('value'))

    def get(self, name):
        return self._value(_call('GET', [_s(name)]))

    def incr(self, name, amount=1):
        if amount == 1:
            return self._value(_call('INCR', [_s(name)]))
        return self._value(_call('INCRBY', [_s(name), _s(amount)]))

    incrby = incr

    def decr(self, name, amount=1):
        return self._value(_call('DECRBY', [_s(name), _s(amount)]))

    def delete(self, *names):
        return self._value(_call('DEL', [_s(n) for n in names]))

    def exists(self, *names):
        return self._value(_call('EXISTS', [_s(n) for n in names]))

    def expire(self, name, seconds):
        return bool(self._value(_call('EXPIRE', [_s(name), str(int(seconds))])))

    def ttl(self, name):
        return self._value(_call('TTL', [_s(name)]))

    def keys(self, pattern='*'):
        return self._value(_call('KEYS', [_s(pattern)]))


StrictRedis = Redis


def from_url(url, **kw):
    return Redis(**kw)
