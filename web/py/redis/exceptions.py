# redis.exceptions as redis-py names them.


class RedisError(Exception):
    pass


class ResponseError(RedisError):
    pass


class DataError(RedisError):
    pass


class ConnectionError(RedisError):
    pass
