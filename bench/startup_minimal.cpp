// bench_startup_minimal: the minimal Widgets program (linked with Qt6::Widgets only) whose start-up time
// bench_membertable compares with the client's.

#include "startupprobe.h"

int main(int argc, char *argv[])
{
    return sg::bench::runMinimalStartupProbe(argc, argv);
}
