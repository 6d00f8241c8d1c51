#include "playbook_platform.h"
#include <stdbool.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// mimalloc's, when the binary links it (release builds on Linux, see Package.swift); weak, so a build
// without it links and finds it missing at run time.
extern void mi_collect(bool force) __attribute__((weak));
// Present when the process runs under AddressSanitizer or ThreadSanitizer (CI's checks), whose
// allocators replace glibc's: trimming glibc's heap then frees nothing, and glibc's `malloc_trim`,
// walking arenas the sanitizer's allocator never set up, crashed once in CI (SEGV in `mtrim`).
extern void __asan_init(void) __attribute__((weak));
extern void __tsan_init(void) __attribute__((weak));

void playbook_release_freed_memory(void) {
    if (mi_collect) {
        // Not forced: a forced collection visits every page of every heap, 1% of a 1,000-page build's
        // instructions, for no lower peak (196-198 MB at 10,000 pages, 397 MB for a 200,000-row data
        // file, either way); mimalloc returns freed pages to the system by itself.
        mi_collect(false);
        return;
    }
    if (__asan_init || __tsan_init) return;
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
