#include "playbook_platform.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void playbook_release_freed_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
