#include "high/high.hpp"
