#pragma once
// A matcher for the validation errors of this folder: InvalidArgument on a given request field, with a
// message containing a given phrase (so each test pins the reason, not just "it failed").
#include "core/error.hpp"

#include <gmock/gmock.h>

#include <string>

namespace mmsgate::testing {

MATCHER_P2(IsFieldError, field, phrase,
    std::string("is InvalidArgument on field \"") + field + "\" mentioning \"" + phrase + "\"")
{
    if (arg.has_value()) {
        *result_listener << "is a value";
        return false;
    }
    auto const& error = arg.error();
    *result_listener << "is " << to_string(error.code) << " on field \"" << error.field << "\": " << error.message;
    return error.code == ErrorCode::InvalidArgument && error.field == std::string(field)
        && error.message.find(phrase) != std::string::npos;
}

}
