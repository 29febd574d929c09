# A small boto3 for the simulator's stores: resource("dynamodb").Table(name) with put_item,
# get_item, update_item, delete_item, scan; client("dynamodb") with the low-level calls.
# Every call goes to the simulated DynamoDB through _il.service_call (the core's
# il_service_call); errors come back as botocore.exceptions.ClientError with AWS's code.
# Numbers read back are decimal.Decimal, and a float in an item is refused, as boto3's
# TypeSerializer does (boto3/dynamodb/types.py).
import _il
from decimal import Decimal
import invokelab_rt as _rt
from botocore.exceptions import ClientError, ParamValidationError


def _call(service, operation, params):
    _rt.BUDGET.calls += 1
    _rt.BUDGET.check()
    out = _rt.loads(_il.service_call(service, operation, _rt.dumps(params, ensure_ascii=False)))
    err = None
    if isinstance(out, dict):
        if 'error' in out and isinstance(out['error'], dict):
            err = out['error']
            code = err.get('code') or err.get('Code') or 'InternalFailure'
            msg = err.get('message') or err.get('Message') or ''
        elif '__type' in out:
            code = str(out['__type']).split('#')[-1]
            msg = out.get('message') or out.get('Message') or ''
            err = True
    if err is not None:
        raise ClientError(_rt.D([('Error', _rt.D([('Message', msg), ('Code', code)])),
                                 ('ResponseMetadata', _rt.D())]), operation)
    return out


# [SECTION] Python values <-> DynamoDB AttributeValues
def _to_av(v):
    if isinstance(v, bool):
        return _rt.D([('BOOL', v)])
    if v is None:
        return _rt.D([('NULL', True)])
    if isinstance(v, str):
        return _rt.D([('S', v)])
    if isinstance(v, float):
        raise TypeError('Float types are not supported. Use Decimal types instead.')
    if isinstance(v, (int, Decimal)):
        return _rt.D([('N', str(v))])
    if isinstance(v, (bytes, bytearray)):
        import binascii
        return _rt.D([('B', binascii.b2a_base64(bytes(v)).decode().strip())])
    if isinstance(v, dict):
        return _rt.D([('M', _rt.D([(k, _to_av(x)) for k, x in v.items()]))])
    if isinstance(v, (list, tuple)):
        return _rt.D([('L', [_to_av(x) for x in v])])
    if isinstance(v, set):
        items = sorted(v, key=lambda x: str(x))
        if all(isinstance(x, str) for x in items):
            return _rt.D([('SS', items)])
        return _rt.D([('NS', [str(x) for x in items])])
    raise TypeError('Unsupported type "%s" for value "%s"' % (type(v).__name__, v))


def _num(s):
    return Decimal(s)


def _from_av(av):
    if not isinstance(av, dict) or len(av) != 1:
        return av
    (t, v), = list(av.items())
    if t == 'S':
        return v
    if t == 'N':
        return _num(v)
    if t == 'BOOL':
        return bool(v)
    if t == 'NULL':
        return None
    if t == 'M':
        return _rt.D([(k, _from_av(x)) for k, x in v.items()])
    if t == 'L':
        return [_from_av(x) for x in v]
    if t == 'SS':
        return set(v)
    if t == 'NS':
        return set(_num(x) for x in v)
    if t == 'B':
        import binascii
        return binascii.a2b_base64(v)
    return v


def _item_in(item):
    return _rt.D([(k, _to_av(v)) for k, v in item.items()])


def _item_out(item):
    return _rt.D([(k, _from_av(v)) for k, v in item.items()])


_PASS = ('ConditionExpression', 'UpdateExpression', 'ProjectionExpression', 'FilterExpression',
         'ExpressionAttributeNames', 'ReturnValues', 'ConsistentRead', 'Limit', 'Select',
         'KeyConditionExpression', 'ReturnConsumedCapacity')


class Table:
    def __init__(self, name):
        self.name = name
        self.table_name = name

    def _params(self, kw, item_keys):
        p = _rt.D([('TableName', self.name)])
        for k, v in kw.items():
            if k in item_keys:
                p[k] = _item_in(v)
            elif k == 'ExpressionAttributeValues':
                p[k] = _item_in(v)
            elif k in _PASS:
                p[k] = v
            else:
                raise ParamValidationError('Parameter validation failed:\nUnknown parameter in input: "%s"' % k)
        return p

    def _result(self, out):
        res = _rt.D()
        for k, v in out.items():
            if k in ('Item', 'Attributes'):
                res[k] = _item_out(v)
            elif k == 'Items':
                res[k] = [_item_out(x) for x in v]
            else:
                res[k] = v
        res['ResponseMetadata'] = _rt.D([('HTTPStatusCode', 200)])
        return res

    def put_item(self, **kw):
        return self._result(_call('dynamodb', 'PutItem', self._params(kw, ('Item',))))

    def get_item(self, **kw):
        return self._result(_call('dynamodb', 'GetItem', self._params(kw, ('Key',))))

    def update_item(self, **kw):
        return self._result(_call('dynamodb', 'UpdateItem', self._params(kw, ('Key',))))

    def delete_item(self, **kw):
        return self._result(_call('dynamodb', 'DeleteItem', self._params(kw, ('Key',))))

    def scan(self, **kw):
        return self._result(_call('dynamodb', 'Scan', self._params(kw, ())))


class _Resource:
    def __init__(self, service):
        if service != 'dynamodb':
            raise ValueError("The simulator's boto3 offers resource('dynamodb') only, not %r" % service)

    def Table(self, name):
        return Table(name)


_OPS = {'put_item': 'PutItem', 'get_item': 'GetItem', 'update_item': 'UpdateItem',
        'delete_item': 'DeleteItem', 'scan': 'Scan', 'create_table': 'CreateTable',
        'describe_table': 'DescribeTable', 'list_tables': 'ListTables'}


class _Client:
    # Low-level client: parameters and results in DynamoDB's own JSON (AttributeValues).
    def __init__(self, service):
        if service != 'dynamodb':
            raise ValueError("The simulator's boto3 offers client('dynamodb') only, not %r" % service)
        self.service = service

    def __getattr__(self, name):
        op = _OPS.get(name)
        if op is None:
            raise AttributeError("'DynamoDB' object has no attribute '%s'" % name)

        def call(**kw):
            out = _call(self.service, op, _rt.D(kw.items()))
            out['ResponseMetadata'] = _rt.D([('HTTPStatusCode', 200)])
            return out
        return call


def resource(service, *a, **k):
    return _Resource(service)


def client(service, *a, **k):
    return _Client(service)


class Session:
    def resource(self, service, *a, **k):
        return _Resource(service)

    def client(self, service, *a, **k):
        return _Client(service)


class _DynamoDBConditions:
    pass
