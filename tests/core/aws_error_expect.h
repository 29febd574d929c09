// Shared by the service suites: pin an AwsError's code, HTTP status and message at once.
#pragma once
#include <string>
#include <gtest/gtest.h>
#include "aws/errors.h"

namespace invokelab::testing {

template <class F>
void expect_aws_error(F&& f, const std::string& code, int status, const std::string& message) {
    try {
        f();
        ADD_FAILURE() << "expected AwsError " << code;
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, code);
        EXPECT_EQ(e.http_status, status);
        EXPECT_EQ(std::string(e.what()), message);
    }
}

} // namespace invokelab::testing
