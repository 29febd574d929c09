# decimal.Decimal, enough of it for DynamoDB numbers as boto3 hands them back (Decimal('100'))
# and takes them: exact +, -, *, comparisons, int(), float(), str() and repr(). Division and
# contexts are not modelled; a quotient is computed to 28 significant digits.
class InvalidOperation(ArithmeticError):
    pass


def _parse(text):
    s = text.strip().lower()
    if not s:
        raise InvalidOperation("[<class 'decimal.ConversionSyntax'>]")
    sign = 1
    if s[0] in '+-':
        sign = -1 if s[0] == '-' else 1
        s = s[1:]
    exp = 0
    if 'e' in s:
        s, e = s.split('e', 1)
        exp = int(e)
    if '.' in s:
        a, b = s.split('.', 1)
    else:
        a, b = s, ''
    digits = (a + b) or '0'
    if not digits.isdigit():
        raise InvalidOperation("[<class 'decimal.ConversionSyntax'>]")
    return sign * int(digits), exp - len(b)


class Decimal:
    def __init__(self, value='0'):
        if isinstance(value, Decimal):
            self._m, self._e = value._m, value._e
        elif isinstance(value, int):
            self._m, self._e = value, 0
        elif isinstance(value, float):
            self._m, self._e = _parse(repr(value))
        elif isinstance(value, str):
            self._m, self._e = _parse(value)
        else:
            raise TypeError('conversion from %s to Decimal is not supported' % type(value).__name__)

    @staticmethod
    def _of(m, e):
        d = Decimal(0)
        d._m, d._e = m, e
        return d

    @staticmethod
    def _coerce(o):
        if isinstance(o, Decimal):
            return o
        if isinstance(o, int) and not isinstance(o, bool):
            return Decimal(o)
        return None

    def _align(self, o):
        e = min(self._e, o._e)
        return self._m * 10 ** (self._e - e), o._m * 10 ** (o._e - e), e

    def __add__(self, o):
        o = Decimal._coerce(o)
        if o is None:
            return NotImplemented
        a, b, e = self._align(o)
        return Decimal._of(a + b, e)

    __radd__ = __add__

    def __sub__(self, o):
        o = Decimal._coerce(o)
        if o is None:
            return NotImplemented
        a, b, e = self._align(o)
        return Decimal._of(a - b, e)

    def __rsub__(self, o):
        o = Decimal._coerce(o)
        return NotImplemented if o is None else o.__sub__(self)

    def __mul__(self, o):
        o = Decimal._coerce(o)
        if o is None:
            return NotImplemented
        return Decimal._of(self._m * o._m, self._e + o._e)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Decimal._coerce(o)
        if o is None:
            return NotImplemented
        if o._m == 0:
            raise ZeroDivisionError('[<class \'decimal.DivisionByZero\'>]')
        scale = 28
        q = (self._m * 10 ** scale) // o._m if (self._m >= 0) == (o._m >= 0) else -((-self._m * 10 ** scale) // o._m)
        r = Decimal._of(q, self._e - o._e - scale)
        return r._normal_if_exact()

    def _normal_if_exact(self):
        m, e = self._m, self._e
        while e < 0 and m % 10 == 0:
            m //= 10
            e += 1
        return Decimal._of(m, e)

    def __neg__(self):
        return Decimal._of(-self._m, self._e)

    def __abs__(self):
        return Decimal._of(abs(self._m), self._e)

    def _cmp(self, o):
        o = Decimal._coerce(o)
        if o is None:
            return None
        a, b, e = self._align(o)
        return (a > b) - (a < b)

    def __eq__(self, o):
        c = self._cmp(o)
        return False if c is None else c == 0

    def __ne__(self, o):
        return not self.__eq__(o)

    def __lt__(self, o):
        return self._cmp(o) < 0

    def __le__(self, o):
        return self._cmp(o) <= 0

    def __gt__(self, o):
        return self._cmp(o) > 0

    def __ge__(self, o):
        return self._cmp(o) >= 0

    def __hash__(self):
        n = self._normal_if_exact()
        return hash(n._m * 10 ** n._e) if n._e >= 0 else hash((n._m, n._e))

    def __bool__(self):
        return self._m != 0

    def __int__(self):
        if self._e >= 0:
            return self._m * 10 ** self._e
        q = abs(self._m) // 10 ** (-self._e)
        return q if self._m >= 0 else -q

    def __float__(self):
        return float(str(self))

    def __str__(self):
        m, e = self._m, self._e
        sign = '-' if m < 0 else ''
        digits = str(abs(m))
        if e >= 0:
            if e == 0:
                return sign + digits
            return sign + digits + 'E+' + str(e)
        point = len(digits) + e
        if point > 0:
            return sign + digits[:point] + '.' + digits[point:]
        return sign + '0.' + '0' * (-point) + digits

    def __repr__(self):
        return "Decimal('%s')" % self.__str__()
