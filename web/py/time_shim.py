# `time` on the virtual clock: sleep() charges the attempt's budget instead of blocking the
# tab, time() moves with the run. Wall-clock readings would make runs differ between replays.
import invokelab_rt as _rt
import _il

_rt_start = None


def _now_ms():
    return _il.start_ms() + _rt.BUDGET.used_ms()


def sleep(seconds):
    _rt.BUDGET.sleep_ms += float(seconds) * 1000.0
    _rt.BUDGET.check()


def sleep_ms(ms):
    sleep(ms / 1000.0)


def time():
    return _now_ms() / 1000.0


def time_ns():
    return int(_now_ms() * 1000000)


def monotonic():
    return _rt.BUDGET.used_ms() / 1000.0


perf_counter = monotonic


def ticks_ms():
    return int(_rt.BUDGET.used_ms())
