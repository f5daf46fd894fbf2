#!/usr/bin/env python3
"""Build step: docs/openapi.yaml -> a C++ source holding the document as compact JSON and its ETag.

Runs in every build configuration (Release, sanitizers, fuzz) without npm: only python3-yaml.
A YAML value JSON cannot hold (an unquoted date, which YAML 1.1 reads as a date) fails the build.
"""
import hashlib
import json
import sys

import yaml


def main(source, output):
    with open(source, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    data = text.encode("utf-8")
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    # A byte array, not a string literal: no escaping rules and no literal length limits.
    rows = ",".join(str(b) for b in data)
    with open(output, "w", encoding="utf-8") as f:
        f.write("// Generated from docs/openapi.yaml by cmake/openapi_to_json.py. Do not edit.\n")
        f.write("#include \"openapi/openapi_document.hpp\"\n\nnamespace mmsgate {\n\nnamespace {\n")
        f.write(f"constexpr unsigned char kDocument[{len(data)}] = {{{rows}}};\n}}\n\n")
        f.write("std::string_view openapi_json() { return { reinterpret_cast<char const*>(kDocument), sizeof kDocument }; }\n")
        f.write(f"std::string_view openapi_etag() {{ return {json.dumps(etag)}; }}\n\n}}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
