# botocore.exceptions.ClientError as boto3 raises it: e.response["Error"]["Code"], and
# str(e) "An error occurred (<Code>) when calling the <Operation> operation: <Message>"
# (botocore/exceptions.py ClientError.MSG_TEMPLATE).


class BotoCoreError(Exception):
    pass


class ClientError(Exception):
    def __init__(self, error_response, operation_name):
        err = error_response.get('Error', {})
        msg = 'An error occurred (%s) when calling the %s operation: %s' % (
            err.get('Code', 'Unknown'), operation_name, err.get('Message', 'Unknown'))
        super().__init__(msg)
        self.response = error_response
        self.operation_name = operation_name


class ParamValidationError(BotoCoreError):
    pass
