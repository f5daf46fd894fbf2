#pragma once
// The `mmsgate` command line: serve, migrate, user …, config check, plivo-sim.

namespace mmsgate {

[[nodiscard]] int run_cli(int argc, char** argv);

}
