#include "support/vectors.hpp"

#include <fstream>
#include <stdexcept>

namespace mmsgate::testing {

nlohmann::json const& nextauth_vectors()
{
    static nlohmann::json const vectors = [] {
        std::ifstream file(MMSGATE_VECTORS_DIR "/nextauth-vectors.json");
        if (!file)
            throw std::runtime_error("cannot open " MMSGATE_VECTORS_DIR "/nextauth-vectors.json");
        return nlohmann::json::parse(file);
    }();
    return vectors;
}

}
