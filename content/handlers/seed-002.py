import json

def lambda_handler(event, context):
    print("Received event:", event)
    
    # 이 부분을 주석 해제하여 함수가 의도적으로 실패하도록 만듭니다.
    # raise Exception("Something went wrong!")
    
    return {
        'statusCode': 200,
        'body': json.dumps('Hello from Lambda!')
    }
