// Deploying code: UpdateFunctionCode's ZIP, the built-in handler back, GetFunction's Code.Location.
#include <cctype>
#include "aws/errors.h"
#include "lambda/lambda.h"
#include "util/base64.h"
#include "util/sha256.h"
#include "util/timefmt.h"
#include "util/zip.h"

namespace invokelab {

void LambdaService::deploy_code(FunctionConfig& f, const std::string& zip_bytes) {
    std::string reason;
    auto files = zip_read(zip_bytes, reason);
    // AWS's answer to a package it cannot unzip (LocalStack lambda_/provider.py
    // store_lambda_archive raises the same message, Type=User).
    if (!files)
        throw AwsError("InvalidParameterValueException", 400,
                       "Could not unzip uploaded file. Please check your file, then try to upload again.");
    CodePackage pkg;
    pkg.files = std::move(*files);
    pkg.sha256 = base64_encode(sha256_bytes(zip_bytes));
    pkg.size = zip_bytes.size();
    f.code = std::move(pkg);
    f.code_sha256 = f.code->sha256;
    f.code_size = static_cast<int>(f.code->size);
    touch(f);
    ojson files_json = ojson::array();
    for (const auto& [path, text] : f.code->files) files_json.push_back(path);
    env_.record("lambda.code-updated", {},
                ojson{{"function", f.name}, {"codeSha256", f.code_sha256}, {"codeSize", f.code_size},
                      {"revisionId", f.revision_id}, {"files", files_json}});
}

void LambdaService::remove_code(FunctionConfig& f) {
    f.code.reset();
    touch(f);
    env_.record("lambda.code-updated", {}, ojson{{"function", f.name}, {"builtin", true}, {"revisionId", f.revision_id}});
}

std::string LambdaService::code_location(const FunctionConfig& f) const {
    // A presigned S3 URL to the package, valid 10 minutes (shape as AWS returns it, e.g. in
    // LocalStack's GetFunction snapshots and public CLI transcripts:
    // https://awslambda-<region>-tasks.s3.<region>.amazonaws.com/snapshots/<account>/<fn>-<uuid>?versionId=…
    // &X-Amz-Algorithm=AWS4-HMAC-SHA256&…). The bucket's short region name and the token are
    // left out (UNCONFIRMED); every part is derived from the code hash, no random draws.
    const std::string h = sha256_hex(f.code_sha256 + f.revision_id);
    std::string key_id = h.substr(0, 16);            // access key ids are upper case
    for (char& c : key_id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string uuid = h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" +
                             h.substr(20, 12);
    const std::string stamp = iso8601_ms(env_.now());  // 2026-03-02T09:00:00.000Z -> 20260302T090000Z
    std::string amz_date;
    for (char c : stamp.substr(0, 19)) if (c != '-' && c != ':') amz_date += c;
    amz_date += "Z";
    return "https://awslambda-" + env_.region + "-tasks.s3." + env_.region + ".amazonaws.com/snapshots/" + env_.account_id +
           "/" + f.name + "-" + uuid + "?versionId=" + h.substr(32, 32) +
           "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + amz_date + "&X-Amz-SignedHeaders=host&X-Amz-Expires=600" +
           "&X-Amz-Credential=ASIA" + key_id + "%2F" + amz_date.substr(0, 8) + "%2F" + env_.region +
           "%2Fs3%2Faws4_request&X-Amz-Signature=" + sha256_hex(h + amz_date);
}

} // namespace invokelab
