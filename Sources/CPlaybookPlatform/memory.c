#include "playbook_platform.h"
#include <stdbool.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// mimalloc's, when the binary links it (release builds on Linux, see Package.swift); weak, so a build
// without it links and finds it missing at run time.
extern void mi_collect(bool force) __attribute__((weak));

void playbook_release_freed_memory(void) {
    if (mi_collect) {
        mi_collect(true);
        return;
    }
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
