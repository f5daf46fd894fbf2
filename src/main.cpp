#include "cli/cli.hpp"

int main(int argc, char** argv)
{
    return mmsgate::run_cli(argc, argv);
}
