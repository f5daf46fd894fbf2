#pragma once
// GoogleTest matchers for Result<T>, after Abseil's status matchers: assert the specific error.
#include "core/error.hpp"

#include <gmock/gmock.h>

namespace mmsgate::testing {

MATCHER(IsOk, "is a value")
{
    if (arg.has_value())
        return true;
    *result_listener << "error " << to_string(arg.error().code) << ": " << arg.error().message;
    return false;
}

MATCHER_P(HasError, code, std::string("is the error ") + to_string(code))
{
    if (arg.has_value()) {
        *result_listener << "is a value";
        return false;
    }
    *result_listener << "is " << to_string(arg.error().code) << ": " << arg.error().message;
    return arg.error().code == code;
}

}
