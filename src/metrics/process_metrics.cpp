#include "metrics/process_metrics.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

namespace mmsgate {

namespace {

double resident_memory_bytes()
{
    // statm: size resident shared text lib data dt, in pages.
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    if (!(statm >> size >> resident))
        return 0;
    return double(resident) * double(sysconf(_SC_PAGESIZE));
}

double cpu_seconds()
{
    rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    auto seconds = [](timeval const& time) { return double(time.tv_sec) + double(time.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double open_descriptors()
{
    std::error_code error;
    double count = 0;
    for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end; it.increment(error))
        ++count;
    return count;
}

}

void add_process_metrics(MetricsRegistry& registry)
{
    auto started = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    registry.add_gauge_callback("process_resident_memory_bytes", "Resident memory size in bytes.", resident_memory_bytes);
    registry.add_counter_callback("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", cpu_seconds);
    registry.add_gauge_callback("process_open_fds", "Number of open file descriptors.", open_descriptors);
    registry.add_gauge_callback("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
        [started] { return started; });
}

}
