#include "cli/cli.hpp"

#include <sys/stat.h>

int main(int argc, char** argv)
{
    // Everything mmsgate creates (the database and its -wal/-shm, secrets, the setup token, the data
    // directory) is for its own user only.
    umask(077);
    return mmsgate::run_cli(argc, argv);
}
