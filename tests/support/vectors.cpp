#include "support/vectors.hpp"

#include "support/build_paths.hpp"

#include <fstream>
#include <stdexcept>

namespace mmsgate::testing {

nlohmann::json const& nextauth_vectors()
{
    static nlohmann::json const vectors = [] {
        auto path = vectors_directory() + "/nextauth-vectors.json";
        std::ifstream file(path);
        if (!file)
            throw std::runtime_error("cannot open " + path);
        return nlohmann::json::parse(file);
    }();
    return vectors;
}

}
